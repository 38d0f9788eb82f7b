/**
 * The trade-off plot against `mnemo serve`: two tiny studies that differ only in DeMem λ become
 * two points and one sweep line whose data (data-attributes and the CSV) are the studies'
 * summaries; hover, the pinned baseline, a brush that filters the studies table, and a click that
 * opens a study.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudyRow } from '../../src-shared/studies';
import { artifactPath, callApi, launchChromium, serve, shutdown, type Served, watchErrors } from './harness';

let served: Served;
let browser: Browser;
let studies: StudyRow[];

/** A study that finishes in seconds: PGD-AT + DeMem on 300 digits, 4 models of one epoch. */
const tiny = (name: string, lambda: number, seed: number) => ({
  name,
  seed,
  tags: ['e2e'],
  dataset: { id: 'digits', limit: 300 },
  model: { kind: 'mlp', hidden: [16] },
  training: { epochs: 1 },
  method: { objective: { kind: 'pgd-at', steps: 2 }, demem: { lambda } },
  shadow: { models: 4 },
  attacks: { targets: 2 },
  robust: { steps: 2, maxSamples: 20 },
});

beforeAll(async () => {
  served = await serve();
  browser = await launchChromium();
  // Seeds differ on purpose: a sweep ignores them (and the names).
  const created = [await callApi(served, 'studies.create', { config: tiny('λ = 0.4', 0.4, 1) }), await callApi(served, 'studies.create', { config: tiny('λ = 0.1', 0.1, 2) })];
  const deadline = Date.now() + 60_000;
  for (;;) {
    studies = await callApi(served, 'studies.list', { includeArchived: false });
    if (studies.every((s) => s.status === 'completed')) break;
    if (studies.some((s) => s.status === 'failed') || Date.now() > deadline) throw new Error(`the tiny studies did not complete: ${JSON.stringify(studies.map((s) => [s.name, s.status, s.error]))}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(studies.map((s) => s.id).sort()).toEqual(created.map((s) => s.id).sort());
  await callApi(served, 'studies.update', { id: created[1]!.id, pinned: true });
});

afterAll(() => shutdown(browser, served));

describe('trade-off plot', () => {
  it('plots two studies with one λ sweep line whose data are their summaries', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = watchErrors(page);
    await page.goto(served.openUrl);
    await page.click('[data-nav="tradeoff"]');
    await page.selectOption('[data-testid="privacy-metric"]', 'auc');
    await page.selectOption('[data-testid="utility-metric"]', 'natural');
    const points = page.locator('circle[data-study]');
    await expect.poll(() => points.count()).toBe(2);

    const byName = new Map(studies.map((s) => [s.name, s]));
    const low = byName.get('λ = 0.1')!;
    const high = byName.get('λ = 0.4')!;
    for (const study of [low, high]) {
      const point = page.locator(`circle[data-study="${study.id}"]`);
      expect(Number(await point.getAttribute('data-x'))).toBe(study.summary!.auc!.mean);
      expect(Number(await point.getAttribute('data-x-std'))).toBe(study.summary!.auc!.std);
      expect(Number(await point.getAttribute('data-y'))).toBe(study.summary!.naturalAccuracy!.mean);
      expect(Number(await point.getAttribute('data-y-std'))).toBe(study.summary!.naturalAccuracy!.std);
      expect(await point.getAttribute('data-family')).toBe('PGD-AT + DeMem');
    }

    // One sweep, ordered by λ.
    const sweep = page.locator('path[data-sweep]');
    await expect.poll(() => sweep.count()).toBe(1);
    expect(await sweep.getAttribute('data-sweep')).toBe('method.demem.lambda');
    expect(await sweep.getAttribute('data-ids')).toBe(`${low.id},${high.id}`);
    expect(await sweep.getAttribute('data-values')).toBe('0.1,0.4');

    // The pinned study is marked as the baseline.
    expect(await page.locator('circle.baseline-ring').count()).toBe(1);

    // Hover shows both metrics with ± and the swept value.
    await page.locator(`circle[data-study="${high.id}"]`).hover({ force: true });
    const tip = page.getByTestId('tradeoff-tip');
    await tip.waitFor();
    expect(await tip.textContent()).toContain('λ = 0.4');
    expect(await tip.textContent()).toContain('Sweep: DeMem λ = 0.4');
    expect(await tip.textContent()).toMatch(/Attack AUC: \d\.\d{3} ± \d\.\d{3}/);
    await page.screenshot({ path: artifactPath('tradeoff.png') });

    // The CSV behind the plot carries the same numbers.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-plot="tradeoff"] button:has-text("CSV")').click()]);
    const lines = fs.readFileSync((await download.path())!, 'utf8').trim().split(/\r?\n/);
    const header = lines[0]!.split(',');
    const records = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i]!, v])));
    expect(records).toHaveLength(2);
    for (const study of [low, high]) {
      const record = records.find((r) => r.study_id === study.id)!;
      expect(Number(record.privacy_mean)).toBe(study.summary!.auc!.mean);
      expect(Number(record.utility_mean)).toBe(study.summary!.naturalAccuracy!.mean);
      expect(record.sweeps).toBe(`DeMem λ = ${study === low ? 0.1 : 0.4}`);
      expect(record.privacy_metric).toBe('auc');
    }
    expect(records.find((r) => r.study_id === low.id)!.pinned).toBe('1');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('brushes one study into the studies table, clears the brush, and opens a study on click', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(served.openUrl);
    await page.click('[data-nav="tradeoff"]');
    await page.selectOption('[data-testid="privacy-metric"]', 'auc');
    const points = page.locator('circle[data-study]');
    await expect.poll(() => points.count()).toBe(2);

    // Drag a small rectangle around one point only.
    const target = studies[0]!;
    const box = (await page.locator(`circle[data-study="${target.id}"]`).boundingBox())!;
    const other = (await page.locator(`circle[data-study="${studies[1]!.id}"]`).boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const gap = Math.max(4, Math.min(12, Math.hypot(other.x - box.x, other.y - box.y) / 3));
    await page.mouse.move(cx - gap, cy - gap);
    await page.mouse.down();
    await page.mouse.move(cx + gap, cy + gap, { steps: 4 });
    await page.mouse.up();
    await page.getByTestId('brush-active').waitFor();

    await page.click('[data-nav="studies"]');
    await page.getByTestId('brush-active').waitFor();
    await expect.poll(() => page.locator('[data-row-key]').count()).toBe(1);
    expect(await page.locator('[data-row-key]').getAttribute('data-row-key')).toBe(target.id);
    await page.getByTestId('clear-brush').click();
    await expect.poll(() => page.locator('[data-row-key]').count()).toBe(2);

    await page.click('[data-nav="tradeoff"]');
    await page.locator(`circle[data-study="${target.id}"]`).click({ force: true });
    await page.waitForURL(new RegExp(`#/study/${target.id}$`));
    await page.close();
  });
});
