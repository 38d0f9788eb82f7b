/** A study's log as one list: the stored events and the live ones pushed since, without repeats. */
import type { StudyLogEvent } from '../../../src-shared/studies';

/** The stored and live events merged in time order, duplicates (same time, level and message) once, the last `limit`. */
export function mergeLog(stored: readonly StudyLogEvent[], pushed: readonly StudyLogEvent[], limit = 200): StudyLogEvent[] {
  const seen = new Set<string>();
  const all: StudyLogEvent[] = [];
  for (const event of [...stored, ...pushed]) {
    const key = `${event.at}\u0000${event.level}\u0000${event.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    all.push(event);
  }
  // ISO timestamps sort as text; the sort is stable for events of the same instant.
  all.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return all.slice(-limit);
}
