/** Formatting of metrics shared by the CLI and the UI, so both say the same thing the same way. */
import type { MeanStd } from './analysis';

/** "93.4 ± 0.6" (percent) or "0.512 ± 0.004"; "—" when missing; no ± for a single value. */
export function formatMeanStd(value: MeanStd | null | undefined, options: { percent?: boolean; digits?: number } = {}): string {
  if (!value || !Number.isFinite(value.mean)) return '—';
  const scale = options.percent ? 100 : 1;
  const digits = options.digits ?? (options.percent ? 1 : 3);
  const mean = (value.mean * scale).toFixed(digits);
  return Number.isFinite(value.std) ? `${mean} ± ${(value.std * scale).toFixed(digits)}` : mean;
}

/** A duration as "42 s", "3 min 5 s" or "1 h 12 min". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

/** An FPR as a percentage label: 0.001 → "0.1%", 0.00001 → "0.001%". */
export function formatFpr(fpr: number): string {
  return `${Number((fpr * 100).toPrecision(6))}%`;
}
