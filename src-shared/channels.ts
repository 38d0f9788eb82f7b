/**
 * The names of every request channel and push event. Kept free of imports so the sandboxed
 * preload can bundle it without pulling in the schemas; `contract.ts` checks it stays in step.
 */
export const CHANNELS = [
  'system.about',
  'system.settings',
  'system.updateSettings',
  'studies.list',
  'studies.get',
  'studies.create',
  'studies.validate',
  'studies.update',
  'studies.cancel',
  'studies.resume',
  'studies.reanalyze',
  'studies.delete',
  'studies.presets',
  'studies.runPreset',
  'studies.analysis',
  'studies.history',
  'studies.scores',
  'samples.table',
  'samples.detail',
  'export.csv',
  'reports.list',
  'reports.get',
  'reports.export',
] as const;

export const EVENTS = ['system.log', 'study.progress', 'study.status', 'study.log'] as const;

export type ChannelName = (typeof CHANNELS)[number];
export type EventName = (typeof EVENTS)[number];

/** The Electron IPC name that carries a push event (kept apart from request channels). */
export const eventChannel = (event: EventName): string => `event:${event}`;
