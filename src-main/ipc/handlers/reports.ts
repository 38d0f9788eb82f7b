/** Handlers of the `reports.*` channels: the reproduction reports, viewed in the app and exported. */
import { MnemoError } from '../../../src-shared/result';
import { buildReport, reportSummaries } from '../../reports/build-report';
import { reportById } from '../../reports/registry';
import { reportCsv, reportHtml } from '../../reports/render';
import type { AppContext } from '../context';
import type { Handlers } from '../dispatch';

function definition(id: string) {
  try {
    return reportById(id);
  } catch (error) {
    throw new MnemoError('not-found', (error as Error).message);
  }
}

export function reportHandlers(ctx: AppContext): Pick<Handlers, 'reports.list' | 'reports.get' | 'reports.export'> {
  return {
    'reports.list': () => reportSummaries(ctx.store),
    'reports.get': ({ id }) => buildReport(ctx.store, definition(id)),
    'reports.export': ({ id, format }) => {
      const report = buildReport(ctx.store, definition(id));
      return format === 'html'
        ? { filename: `${id}.html`, content: reportHtml(report), type: 'text/html' }
        : { filename: `${id}.csv`, content: reportCsv(report), type: 'text/csv' };
    },
  };
}
