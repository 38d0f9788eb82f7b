/** Every reproduction report. */
import type { ReportDefinition } from './definition';
import { dememFig1, dememFig2, dememFig3, dememTable1, dememTable2 } from './definitions/demem';
import { samBuckets, samTable1, sharpregGamma } from './definitions/sam';

export const REPORTS: ReportDefinition[] = [dememTable2, dememTable1, dememFig2, dememFig3, dememFig1, samTable1, sharpregGamma, samBuckets];

/** A report by id. @throws Error naming the known reports. */
export function reportById(id: string): ReportDefinition {
  const report = REPORTS.find((r) => r.id === id);
  if (!report) throw new Error(`unknown report "${id}" (known: ${REPORTS.map((r) => r.id).join(', ')})`);
  return report;
}
