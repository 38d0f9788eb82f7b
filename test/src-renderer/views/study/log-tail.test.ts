import { describe, expect, it } from 'vitest';
import { mergeLog } from '../../../../src-renderer/views/study/log-tail';

const event = (at: string, message: string, level: 'info' | 'warn' | 'error' = 'info') => ({ studyId: 's', level, message, at });

describe('mergeLog', () => {
  it('merges stored and pushed events in time order, each once, keeping the last ones', () => {
    const stored = [event('2026-01-01T00:00:01.000Z', 'model 0 done'), event('2026-01-01T00:00:03.000Z', 'model 1 done')];
    const pushed = [event('2026-01-01T00:00:03.000Z', 'model 1 done'), event('2026-01-01T00:00:02.000Z', 'slow', 'warn'), event('2026-01-01T00:00:04.000Z', 'analysis')];
    expect(mergeLog(stored, pushed).map((e) => e.message)).toEqual(['model 0 done', 'slow', 'model 1 done', 'analysis']);
    expect(mergeLog(stored, pushed, 2).map((e) => e.message)).toEqual(['model 1 done', 'analysis']);
  });
});
