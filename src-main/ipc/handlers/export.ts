/** The `export.csv` channel: the CSV behind a table or plot, returned whole for the renderer to save. */
import { Writable } from 'node:stream';
import { exportFilename, writeExport } from '../../exports/study-exports';
import type { AppContext } from '../context';
import type { Handlers } from '../dispatch';

/** A Writable that keeps what it is given, for returning an export as text. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

export function exportHandlers(ctx: AppContext): Pick<Handlers, 'export.csv'> {
  return {
    'export.csv': async (request) => {
      const { stream, text } = collector();
      await writeExport(ctx.store, request, stream);
      return { filename: exportFilename(ctx.store, request), csv: text() };
    },
  };
}
