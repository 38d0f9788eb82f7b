/**
 * Builds a reproduction report from the store: finds each role's study by its config (a study of
 * the paper-scale preset when all of those completed, else the laptop-scale one) and lets the
 * report's definition read them.
 */
import { StudyConfigSchema } from '../../src-shared/config/study';
import type { ReportSummaryView, ReportView } from '../../src-shared/reports';
import type { Store, StudyRecord } from '../store';
import { presetById } from '../studies/presets';
import { resolveDatasetPath } from '../studies/prepare';
import { comparableConfig } from '../studies/runner';
import type { ReportDefinition } from './definition';
import { REPORTS } from './registry';
import { studyData, type StudyData } from './report-data';

interface Found {
  scale: 'laptop' | 'paper';
  byRole: Map<string, StudyRecord | null>;
}

function findStudies(store: Store, definition: ReportDefinition): Found[] {
  const all = store.studies.list();
  return definition.presets.map((presetId) => {
    const preset = presetById(presetId);
    const byRole = new Map<string, StudyRecord | null>();
    preset.studies.forEach((config, i) => {
      const key = comparableConfig(resolveDatasetPath(StudyConfigSchema.parse(config), store.dataDir));
      const matches = all.filter((s) => comparableConfig(s.config) === key);
      byRole.set(definition.roles[i]!, matches.find((s) => s.status === 'completed') ?? matches[0] ?? null);
    });
    return { scale: preset.scale, byRole };
  });
}

const completed = (found: Found) => [...found.byRole.values()].every((s) => s?.status === 'completed');

/** The report as it stands: finished studies read, the rest listed as missing. */
export function buildReport(store: Store, definition: ReportDefinition): ReportView {
  const candidates = findStudies(store, definition);
  const chosen =
    candidates.find((c) => c.scale === 'paper' && completed(c)) ??
    candidates.find((c) => c.scale === 'laptop') ??
    candidates[0]!;
  const anyRun = [...chosen.byRole.values()].some((s) => s?.status === 'completed');
  const data = new Map<string, StudyData | null>(
    [...chosen.byRole].map(([role, study]) => [role, study?.status === 'completed' ? studyData(store, study) : null]),
  );
  const { tables, claims } = definition.build(data);
  return {
    id: definition.id,
    title: definition.title,
    paper: definition.paper,
    scale: anyRun ? chosen.scale : 'not run',
    scaleNote: definition.scaleNote(chosen.scale),
    missing: [...chosen.byRole].filter(([, s]) => s?.status !== 'completed').map(([role, s]) => (s ? `${role} (${s.name}: ${s.status})` : `${role} (not run)`)),
    studies: [...chosen.byRole].flatMap(([role, s]) => (s ? [{ role, id: s.id, name: s.name, status: s.status }] : [])),
    tables,
    claims,
    generatedAt: new Date().toISOString(),
  };
}

/** Every report with whether its studies have completed and its verdicts so far. */
export function reportSummaries(store: Store): ReportSummaryView[] {
  return REPORTS.map((definition) => {
    const report = buildReport(store, definition);
    return { id: definition.id, title: definition.title, presets: definition.presets, complete: report.missing.length === 0, verdicts: report.claims.map((c) => c.verdict) };
  });
}
