import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleTableView } from '../../src-shared/views';
import { artifactPath, callApi, launchChromium, serve, shutdown, type Served, watchErrors } from './harness';
import { createTinyStudy, TINY_STUDY } from './tiny-study';

let served: Served;
let browser: Browser;
let id: string;
let twin: string;
let table: SampleTableView;

beforeAll(async () => {
  served = await serve();
  browser = await launchChromium();
  id = await createTinyStudy(served);
  // Same data and seed: the same samples, so the detail pane lists this study under "other studies".
  twin = await createTinyStudy(served, { ...TINY_STUDY, name: 'e2e tiny digits twin', training: { epochs: 2 } });
  table = await callApi(served, 'samples.table', { id, attack: 'lira', target: 0 });
});

afterAll(() => shutdown(browser, served));

async function openSamples(study = id): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = watchErrors(page);
  await page.goto(served.openUrl);
  await expect.poll(() => page.url()).not.toContain('token=');
  await page.evaluate(`location.hash = ${JSON.stringify(`#/study/${study}/samples`)}`);
  await page.locator('[role="grid"] [role="row"][data-position]').first().waitFor();
  return { page, errors };
}

const firstRow = (page: Page) => page.locator('[role="grid"] .row').first().getAttribute('data-position').then(Number);
const detailPosition = (page: Page) => page.locator('section[aria-label="Sample detail"] h2').textContent();

describe('the samples view', () => {
  it('lists every sample, sorts by a column, and moves with the keyboard', async () => {
    const { page, errors } = await openSamples();
    expect(await page.locator('.table-card h3').textContent()).toBe(`All ${table.position.length} samples`);
    // Only the visible rows are in the page.
    expect(await page.locator('[role="grid"] .row').count()).toBeLessThan(40);

    const scores = table.score.map((s, i) => [s, i] as const).filter(([s]) => s !== null) as Array<readonly [number, number]>;
    const lowest = scores.reduce((a, b) => (b[0] < a[0] ? b : a))[1];
    const highest = scores.reduce((a, b) => (b[0] > a[0] ? b : a))[1];
    await page.click('[data-sort="score"]');
    await expect.poll(() => firstRow(page)).toBe(lowest);
    await page.click('[data-sort="score"]');
    await expect.poll(() => firstRow(page)).toBe(highest);
    await page.click('[data-sort="position"]');
    await expect.poll(() => firstRow(page)).toBe(0);

    await page.click('[role="grid"] .row[data-position="5"]');
    await expect.poll(() => detailPosition(page)).toMatch(/^Sample 5 /);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => detailPosition(page)).toMatch(/^Sample 7 /);
    expect(await page.locator('[role="grid"] .row.selected').getAttribute('data-position')).toBe('7');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('plots every sample with a score, and a click on a point inspects it: image and per-model predictions as samples.detail says', async () => {
    const { page, errors } = await openSamples();
    const plottable = table.position.filter((i) => table.memorization[i] !== null && table.score[i] !== null && table.member[i]! >= 0);
    await expect.poll(() => page.locator('canvas[data-points]').getAttribute('data-points')).toBe(String(plottable.length));

    // Click the sample with the highest score (alone at the top of the plot).
    const target = plottable.reduce((a, b) => (table.score[b]! > table.score[a]! ? b : a));
    const svg = page.locator('svg[data-x-domain]');
    const [x0, x1] = JSON.parse((await svg.getAttribute('data-x-domain'))!) as [number, number];
    const [y0, y1] = JSON.parse((await svg.getAttribute('data-y-domain'))!) as [number, number];
    const left = Number(await svg.getAttribute('data-plot-left'));
    const right = Number(await svg.getAttribute('data-plot-right'));
    const top = Number(await svg.getAttribute('data-plot-top'));
    const bottom = Number(await svg.getAttribute('data-plot-bottom'));
    const px = left + ((table.memorization[target]! - x0) / (x1 - x0)) * (right - left);
    const py = bottom - ((table.score[target]! - y0) / (y1 - y0)) * (bottom - top);
    await svg.click({ position: { x: px, y: py } });
    await expect.poll(() => detailPosition(page)).toMatch(new RegExp(`^Sample ${target} `));
    expect(await svg.getAttribute('data-selected')).toBe(String(target));
    // The table scrolled to the sample and highlights it.
    await expect.poll(() => page.locator('[role="grid"] .row.selected').getAttribute('data-position')).toBe(String(target));

    const detail = await callApi(served, 'samples.detail', { id, position: target, target: 0 });
    const image = page.locator('section[aria-label="Sample detail"] canvas[data-image-width]');
    expect(await image.getAttribute('data-image-width')).toBe(String(detail.image!.width));
    expect(await image.getAttribute('data-image-channels')).toBe('1');
    // The red channel of what the canvas holds (grey images copy the value to R, G and B).
    const red = (await page.evaluate(`(() => {
      const canvas = document.querySelector('section[aria-label="Sample detail"] canvas[data-image-width]');
      return Array.from(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data).filter((_, i) => i % 4 === 0);
    })()`)) as number[];
    expect(red).toEqual(detail.image!.pixels.map((v) => Math.round(v)));
    expect(await page.locator('[data-field="label"]').textContent()).toBe(detail.labelName);

    const rows = page.locator('[data-table="sample-models"] tbody tr');
    expect(await rows.count()).toBe(detail.models.length);
    for (const [i, model] of detail.models.entries()) {
      const cells = await rows.nth(i).locator('td').allTextContents();
      expect(cells[1]).toBe(model.member === null ? '—' : model.member ? 'IN' : 'OUT');
      expect(cells[2]).toBe(table.classNames[model.predicted]);
      expect(cells[3]).toBe(model.correct ? 'yes' : 'no');
      expect(cells[4]).toBe(model.phi.toFixed(3));
    }
    const dots = await page.locator('svg[data-in]').evaluate((node) => [JSON.parse(node.getAttribute('data-in')!), JSON.parse(node.getAttribute('data-out')!)]);
    expect(dots).toEqual([detail.inScores, detail.outScores]);
    expect(await page.locator('.reading').textContent()).toMatch(/overlap|Gaussian|Too few/);
    await page.screenshot({ path: artifactPath('samples-view.png') });
    await page.locator('section[aria-label="Sample detail"] [data-table="sample-models"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('samples-view-detail.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens the same sample in another study over the same data', async () => {
    const { page, errors } = await openSamples();
    await page.click('[role="grid"] .row[data-position="3"]');
    const link = page.locator('[data-table="other-studies"] button', { hasText: 'e2e tiny digits twin' });
    await link.click();
    await expect.poll(() => page.evaluate('location.hash')).toBe(`#/study/${twin}/samples`);
    await expect.poll(() => detailPosition(page)).toMatch(/^Sample 3 /);
    await expect.poll(() => page.locator('[role="grid"] .row.selected').getAttribute('data-position')).toBe('3');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exports the samples as CSV with the chosen attack and target', async () => {
    const { page, errors } = await openSamples();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export-samples"]')]);
    expect(download.suggestedFilename()).toBe('e2e_tiny_digits-samples-lira-target0.csv');
    const lines = fs.readFileSync((await download.path())!, 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('position,dataset_index,label,label_name,held_out,member_of_target_0,memorization,in_models,out_models,lira_score,loss_target_0');
    expect(lines.length - 1).toBe(table.position.length);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws 60,000 points and finds the hovered one quickly', async () => {
    const n = 60_000;
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const synthetic: SampleTableView = {
      target: 0,
      attack: 'lira',
      position: Array.from({ length: n }, (_, i) => i),
      datasetIndex: Array.from({ length: n }, (_, i) => i),
      label: Array.from({ length: n }, (_, i) => i % 10),
      heldOut: new Array(n).fill(0),
      member: Array.from({ length: n }, (_, i) => i % 2),
      memorization: Array.from({ length: n }, () => random() * 2 - 1),
      inCount: new Array(n).fill(8),
      outCount: new Array(n).fill(8),
      score: Array.from({ length: n }, () => (random() + random() + random() - 1.5) * 6),
      loss: Array.from({ length: n }, () => random() * 3),
      classNames: table.classNames,
    };
    const body = JSON.stringify({ ok: true, value: synthetic });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.route('**/api/samples.table', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
    await page.goto(served.openUrl);
    await page.evaluate(`location.hash = ${JSON.stringify(`#/study/${id}/samples`)}`);
    const canvas = page.locator(`canvas[data-points="${n}"][data-render-ms]`);
    await canvas.waitFor();
    const renderMs = Number(await canvas.getAttribute('data-render-ms'));
    const drawMs = Number(await canvas.getAttribute('data-draw-ms'));

    const svg = page.locator('svg[data-x-domain]');
    const box = (await svg.boundingBox())!;
    const left = Number(await svg.getAttribute('data-plot-left'));
    const right = Number(await svg.getAttribute('data-plot-right'));
    const top = Number(await svg.getAttribute('data-plot-top'));
    const bottom = Number(await svg.getAttribute('data-plot-bottom'));
    await page.waitForTimeout(200);
    const lookups: number[] = [];
    for (let i = 0; i < 100; i++) {
      await page.mouse.move(box.x + left + random() * (right - left), box.y + top + random() * (bottom - top));
      lookups.push(Number(await svg.getAttribute('data-lookup-ms')));
    }
    lookups.sort((a, b) => a - b);
    const median = (lookups[49]! + lookups[50]!) / 2;
    console.info(`scatter of ${n} points: ${renderMs} ms from data to the frame showing it (draw commands ${drawMs} ms); hover lookup median ${median.toFixed(3)} ms, max ${lookups[99]!.toFixed(3)} ms over 100 moves`);
    expect(renderMs).toBeLessThan(3000);
    expect(median).toBeLessThan(16);
    await page.screenshot({ path: artifactPath('samples-scatter-60000.png') });
    await page.close();
  });
});
