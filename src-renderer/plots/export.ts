/**
 * Saving what a view shows: the CSV behind a table or plot, and plots as SVG or PNG (the SVG layer,
 * with any canvas layer under it, rasterised at twice the screen resolution).
 */
import type { RequestOf } from '../../src-shared/contract';
import type { Api } from '../lib/api';

/** Offers `content` as a file download. */
export function download(filename: string, content: Blob | string, type = 'text/plain'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Rows as RFC 4180 CSV (quoted when needed; text cells starting like a formula get an apostrophe). */
export function toCsv(header: string[], rows: Array<Array<string | number | null>>): string {
  const cell = (value: string | number | null): string => {
    if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return '';
    if (typeof value === 'number') return String(value);
    const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
  };
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** The SVG's markup with the page's computed colours inlined, so it renders the same outside the app. */
export function serializeSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const source = svg.querySelectorAll('*');
  const target = clone.querySelectorAll('*');
  source.forEach((element, i) => {
    const style = getComputedStyle(element);
    const copy = target[i] as SVGElement;
    for (const property of ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline']) {
      copy.style.setProperty(property, style.getPropertyValue(property));
    }
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const { width, height } = svg.getBoundingClientRect();
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  return new XMLSerializer().serializeToString(clone);
}

export function exportSvg(svg: SVGSVGElement, filename: string): void {
  download(filename, serializeSvg(svg), 'image/svg+xml');
}

/** Rasterises the SVG (over an optional canvas layer) to a PNG file. */
export async function exportPng(svg: SVGSVGElement, filename: string, under?: HTMLCanvasElement | null, scale = 2): Promise<void> {
  const { width, height } = svg.getBoundingClientRect();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext('2d')!;
  context.fillStyle = getComputedStyle(document.body).backgroundColor || '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  if (under) context.drawImage(under, 0, 0, canvas.width, canvas.height);
  const image = new Image();
  const url = URL.createObjectURL(new Blob([serializeSvg(svg)], { type: 'image/svg+xml' }));
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the plot could not be rasterised'));
    image.src = url;
  });
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  URL.revokeObjectURL(url);
  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'));
  download(filename, blob, 'image/png');
}

/**
 * Asks the workbench for one of its CSV exports ('export.csv') and offers it as a download under the
 * file name it chose. Throws: the API's error (e.g. a study without scores for that attack).
 */
export async function downloadCsvExport(api: Pick<Api, 'call'>, request: RequestOf<'export.csv'>): Promise<void> {
  const { filename, csv } = await api.call('export.csv', request);
  download(filename, csv, 'text/csv');
}
