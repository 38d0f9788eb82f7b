import { describe, expect, it } from 'vitest';
import { studyActions } from '../../../../src-renderer/views/studies/study-actions';

describe('studyActions', () => {
  it('offers cancel while a study may run, resume once it stopped early, and a new analysis once it completed', () => {
    expect(studyActions({ status: 'running', pinned: false, archived: false })).toEqual(['open', 'edit', 'pin', 'cancel', 'archive', 'delete']);
    expect(studyActions({ status: 'queued', pinned: false, archived: false })).toContain('cancel');
    for (const status of ['interrupted', 'cancelled', 'failed'] as const) {
      expect(studyActions({ status, pinned: false, archived: false })).toContain('resume');
      expect(studyActions({ status, pinned: false, archived: false })).not.toContain('cancel');
    }
    expect(studyActions({ status: 'completed', pinned: true, archived: true })).toEqual(['open', 'edit', 'unpin', 'reanalyze', 'unarchive', 'delete']);
    expect(studyActions({ status: 'failed', pinned: false, archived: false })).not.toContain('reanalyze');
  });
});
