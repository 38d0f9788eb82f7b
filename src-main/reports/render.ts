/** A report as a self-contained HTML page (no scripts, no remote assets) and as CSV. */
import type { ReportView } from '../../src-shared/reports';
import { escapeText } from '../io/csv-format';

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cell = (value: string | number | null): string => escapeHtml(value === null ? '' : String(value));

const VERDICT_COLOUR: Record<string, string> = { supported: '#1f8a4c', 'not supported': '#c23b3b', inconclusive: '#b26a00', 'not run': '#5d6673' };

/** The report as an HTML document. */
export function reportHtml(report: ReportView): string {
  const claims = report.claims
    .map(
      (c) =>
        `<tr><td>${cell(c.claim)}<div class="muted">${cell(c.source)}</div></td><td><span class="verdict" style="background:${VERDICT_COLOUR[c.verdict]}">${cell(c.verdict)}</span></td><td>${cell(c.evidence)}</td></tr>`,
    )
    .join('\n');
  const tables = report.tables
    .map(
      (t) =>
        `<h2>${cell(t.title)}</h2><table><thead><tr>${t.columns.map((c) => `<th>${cell(c)}</th>`).join('')}</tr></thead><tbody>${t.rows
          .map((r) => `<tr>${r.map((v) => `<td>${cell(v)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>${t.note ? `<p class="muted">${cell(t.note)}</p>` : ''}`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${cell(report.title)}</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1b1f24}
table{border-collapse:collapse;width:100%;margin:.5em 0 1em}th,td{border-bottom:1px solid #dde1e7;padding:4px 8px;text-align:left;vertical-align:top}
th{color:#5d6673;font-weight:500}.muted{color:#5d6673;font-size:12px}.verdict{color:#fff;border-radius:4px;padding:1px 6px;white-space:nowrap}
</style></head><body>
<h1>${cell(report.title)}</h1>
<p>Reproducing <a href="${cell(report.paper.url)}">${cell(report.paper.title)}</a> (${cell(report.paper.authors)}, ${report.paper.year}) with Mnemo.
Scale: <strong>${cell(report.scale)}</strong>. Generated ${cell(report.generatedAt)}.</p>
<p class="muted">${cell(report.scaleNote)}</p>
${report.missing.length ? `<p><strong>Incomplete:</strong> ${cell(report.missing.join('; '))}</p>` : ''}
<h2>Claims</h2><table><thead><tr><th>Claim</th><th>Verdict</th><th>Evidence (ours)</th></tr></thead><tbody>${claims}</tbody></table>
${tables}
<p class="muted">Studies: ${cell(report.studies.map((s) => `${s.role}: ${s.name} (${s.id})`).join('; '))}</p>
</body></html>
`;
}

/** A text cell: formula-guarded, then quoted when it holds a comma, quote or line break (RFC 4180). */
function textCell(value: string): string {
  const guarded = escapeText(value);
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** Every table of the report as CSV rows "table, column…", then the claims (RFC 4180, CRLF). */
export function reportCsv(report: ReportView): string {
  const lines: string[] = [];
  const row = (values: Array<string | number | null>) => lines.push(values.map((v) => (typeof v === 'number' ? String(v) : textCell(v ?? ''))).join(','));
  for (const table of report.tables) {
    row(['table', ...table.columns]);
    for (const r of table.rows) row([table.title, ...r]);
  }
  row(['claim', 'source', 'verdict', 'evidence']);
  for (const c of report.claims) row([c.claim, c.source, c.verdict, c.evidence]);
  return `${lines.join('\r\n')}\r\n`;
}
