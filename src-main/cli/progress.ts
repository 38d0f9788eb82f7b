/**
 * Study progress on the terminal: on a TTY, one line per study redrawn in place with a bar and an
 * ETA; otherwise plain lines as models finish (logs stay readable when piped).
 */
import { formatDuration } from '../../src-shared/format';
import type { ModelProgressEvent, StudyStatusEvent } from '../../src-shared/studies';
import type { EventHub } from '../ipc/event-hub';

interface StudyLine {
  name: string;
  done: number;
  total: number;
  status: string;
  started: number;
  running: Map<number, ModelProgressEvent>;
}

export class ProgressPrinter {
  private readonly lines = new Map<string, StudyLine>();
  private drawn = 0;
  private readonly unsubscribe: () => void;
  private readonly timer: NodeJS.Timeout | null;

  constructor(
    events: EventHub,
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly workers = 1,
  ) {
    this.unsubscribe = events.subscribe((event, payload) => {
      if (event === 'study.progress') this.onProgress(payload as ModelProgressEvent);
      else if (event === 'study.status') this.onStatus(payload as StudyStatusEvent);
    });
    this.timer = this.out.isTTY ? setInterval(() => this.draw(), 500) : null;
  }

  /** Starts showing a study. */
  track(studyId: string, name: string, total: number, done = 0): void {
    this.lines.set(studyId, { name, done, total, status: 'queued', started: Date.now(), running: new Map() });
  }

  private onProgress(event: ModelProgressEvent): void {
    this.lines.get(event.studyId)?.running.set(event.modelIdx, event);
  }

  private onStatus(event: StudyStatusEvent): void {
    const line = this.lines.get(event.studyId);
    if (!line) return;
    const finishedModel = event.modelsDone > line.done;
    line.done = event.modelsDone;
    line.total = event.modelsTotal;
    line.status = event.status;
    // Running models report again within a second; a finished one must not linger on the line.
    if (finishedModel) line.running.clear();
    if (!this.out.isTTY && (finishedModel || event.status !== 'running')) {
      this.out.write(`${line.name}: ${line.done}/${line.total} models, ${event.status}${event.error ? ` (${event.error})` : ''}\n`);
    }
  }

  private eta(line: StudyLine): string {
    if (line.done === 0 || line.done >= line.total) return '';
    const perModel = (Date.now() - line.started) / 1000 / line.done;
    return ` · ETA ${formatDuration(((line.total - line.done) * perModel) / Math.max(1, Math.min(this.workers, line.total - line.done)))}`;
  }

  private render(line: StudyLine): string {
    const width = 20;
    const filled = Math.round((line.done / Math.max(line.total, 1)) * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const current = [...line.running.values()].at(-1);
    const detail =
      current && line.status === 'running'
        ? current.phase === 'training'
          ? ` · model ${current.modelIdx} epoch ${current.epoch}/${current.epochs} loss ${current.loss?.toFixed(3)} · ${Math.round(current.samplesPerSecond ?? 0)} samples/s`
          : ` · model ${current.modelIdx} ${current.phase}`
        : '';
    return `${line.name.padEnd(28).slice(0, 28)} ${bar} ${String(line.done).padStart(3)}/${line.total} ${line.status}${detail}${this.eta(line)}`;
  }

  private draw(): void {
    if (!this.out.isTTY) return;
    const columns = this.out.columns ?? 120;
    if (this.drawn) this.out.write(`\x1b[${this.drawn}A`);
    for (const line of this.lines.values()) this.out.write(`\x1b[2K${this.render(line).slice(0, columns - 1)}\n`);
    this.drawn = this.lines.size;
  }

  stop(): void {
    this.draw();
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe();
  }
}
