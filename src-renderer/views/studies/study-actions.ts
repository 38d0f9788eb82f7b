/** Which actions a study's row offers, from its status and flags. */
import type { StudyRow, StudyStatus } from '../../../src-shared/studies';

export type StudyAction = 'open' | 'edit' | 'pin' | 'unpin' | 'cancel' | 'resume' | 'reanalyze' | 'archive' | 'unarchive' | 'delete';

const CANCELLABLE: ReadonlySet<StudyStatus> = new Set(['queued', 'running']);
const RESUMABLE: ReadonlySet<StudyStatus> = new Set(['interrupted', 'cancelled', 'failed']);

/**
 * The actions for a row, in menu order: cancel only while it may run, resume only once it stopped
 * early, analyse again only once it completed.
 */
export function studyActions(row: Pick<StudyRow, 'status' | 'pinned' | 'archived'>): StudyAction[] {
  return [
    'open',
    'edit',
    row.pinned ? 'unpin' : 'pin',
    ...(CANCELLABLE.has(row.status) ? (['cancel'] as const) : []),
    ...(RESUMABLE.has(row.status) ? (['resume'] as const) : []),
    ...(row.status === 'completed' ? (['reanalyze'] as const) : []),
    row.archived ? 'unarchive' : 'archive',
    'delete',
  ];
}

export const ACTION_LABELS: Record<StudyAction, string> = {
  open: 'Open',
  edit: 'Rename, tags and notes…',
  pin: 'Pin as baseline',
  unpin: 'Unpin baseline',
  cancel: 'Cancel',
  resume: 'Resume',
  reanalyze: 'Analyse again',
  archive: 'Archive',
  unarchive: 'Unarchive',
  delete: 'Delete…',
};
