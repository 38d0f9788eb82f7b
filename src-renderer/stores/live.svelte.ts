/**
 * Live state pushed by the main process: per study its status and model counts, per running model
 * its latest training progress, and the log tail. Views read it; nothing polls.
 */
import type { ModelProgressEvent, StudyLogEvent, StudyStatusEvent } from '../../src-shared/studies';
import type { Transport } from '../transport';

const LOG_LIMIT = 500;

class Live {
  status = $state<Record<string, StudyStatusEvent>>({});
  /** studyId → modelIdx → latest progress. */
  progress = $state<Record<string, Record<number, ModelProgressEvent>>>({});
  log = $state<StudyLogEvent[]>([]);
  /** Bumped on every status change, so views can refetch what a status change invalidates. */
  version = $state(0);

  connect(transport: Transport): void {
    transport.on('study.status', (event) => {
      this.status[event.studyId] = event;
      if (event.status !== 'running') delete this.progress[event.studyId];
      this.version++;
    });
    transport.on('study.progress', (event) => {
      this.progress[event.studyId] ??= {};
      this.progress[event.studyId]![event.modelIdx] = event;
    });
    transport.on('study.log', (event) => {
      this.log = [...this.log.slice(-(LOG_LIMIT - 1)), event];
    });
  }

  logFor(studyId: string): StudyLogEvent[] {
    return this.log.filter((e) => e.studyId === studyId);
  }
}

export const live = new Live();
