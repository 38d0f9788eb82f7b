/** `mnemo report`: the reproduction reports, as text, HTML, CSV or JSON. */
import fs from 'node:fs';
import { buildReport, reportSummaries } from '../../reports/build-report';
import { REPORTS, reportById } from '../../reports/registry';
import { reportCsv, reportHtml } from '../../reports/render';
import { parseCommandArgs, UsageError } from '../args';
import { openReadOnlyStore } from '../runtime';
import { renderTable } from '../table';

export const REPORT_HELP = `mnemo report [ID] [--html FILE] [--csv FILE] [--json]

Without ID: every reproduction report and whether its studies have run. With ID, the report: our numbers
beside the paper's, each claim with a verdict. Run its studies first with \`mnemo study run --preset ID\`.
Reports: ${REPORTS.map((r) => r.id).join(', ')}.`;

export async function reportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { html: { type: 'string' }, csv: { type: 'string' } });
  if (values.help) {
    console.log(REPORT_HELP);
    return 0;
  }
  const store = openReadOnlyStore(values['data-dir']);
  try {
    const [id] = positionals;
    if (!id) {
      const summaries = reportSummaries(store);
      if (values.json) console.log(JSON.stringify(summaries, null, 2));
      else console.log(renderTable(['Report', 'Title', 'Studies', 'Verdicts'], summaries.map((s) => [s.id, s.title, s.complete ? 'complete' : 'incomplete', s.verdicts.join(', ')])));
      return 0;
    }
    let definition;
    try {
      definition = reportById(id);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const report = buildReport(store, definition);
    if (values.html) fs.writeFileSync(values.html, reportHtml(report));
    if (values.csv) fs.writeFileSync(values.csv, reportCsv(report));
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else if (!values.html && !values.csv) {
      console.log(`${report.title}\n${report.paper.authors} (${report.paper.year}), ${report.paper.url}\nScale: ${report.scale}. ${report.scaleNote}\n`);
      if (report.missing.length) console.log(`Incomplete: ${report.missing.join('; ')}\n`);
      for (const claim of report.claims) console.log(`[${claim.verdict}] ${claim.claim} (${claim.source})\n    ${claim.evidence}`);
      for (const table of report.tables) console.log(`\n${table.title}\n${renderTable(table.columns, table.rows.map((r) => r.map((v) => (v === null ? '' : String(v)))))}${table.note ? `\n${table.note}` : ''}`);
    } else console.error([values.html && `Wrote ${values.html}`, values.csv && `Wrote ${values.csv}`].filter(Boolean).join('\n'));
    return 0;
  } finally {
    store.close();
  }
}
