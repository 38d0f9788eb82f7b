import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMeanStd } from '../../src-shared/format';
import type { StudyAnalysisView } from '../../src-shared/views';
import { centralRange, sharedHistogram } from '../../src-renderer/plots/histogram';
import { artifactPath, callApi, launchChromium, serve, shutdown, type Served, watchErrors } from './harness';
import { createTinyStudy } from './tiny-study';

let served: Served;
let browser: Browser;
let id: string;
let analysis: StudyAnalysisView;

beforeAll(async () => {
  served = await serve();
  browser = await launchChromium();
  id = await createTinyStudy(served);
  analysis = await callApi(served, 'studies.analysis', { id });
});

afterAll(() => shutdown(browser, served));

const json = async (page: Page, selector: string, attribute: string): Promise<unknown> => JSON.parse((await page.locator(selector).first().getAttribute(attribute))!);

async function openStudy(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = watchErrors(page);
  await page.goto(served.openUrl);
  await expect.poll(() => page.url()).not.toContain('token=');
  await page.evaluate(`location.hash = ${JSON.stringify(`#/study/${id}`)}`);
  await page.locator('[data-plot="roc-lira"] path[data-curve="pooled"]').waitFor();
  return { page, errors };
}

describe('the study page', () => {
  it('shows the header and metric cards from the stored study', async () => {
    const { page, errors } = await openStudy();
    expect(await page.locator('[data-field="study-name"]').textContent()).toBe('e2e tiny digits');
    expect(await page.locator('[data-field="status"]').textContent()).toBe('completed');
    expect(await page.locator('[data-field="models-done"]').textContent()).toBe('4/4 models');
    expect(await page.locator('[data-metric="natural"] [data-field="value"]').textContent()).toBe(`${formatMeanStd(analysis.accuracy!.natural, { percent: true })} %`);
    const lira = analysis.attacks.find((a) => a.kind === 'lira')!;
    expect(await page.locator('[data-metric="auc"] [data-field="value"]').textContent()).toBe(formatMeanStd(lira.summary.auc, { digits: 3 }));
    // About 130 non-members per target: a TPR at 0.001% FPR is below the resolution for every target.
    expect(await page.locator('[data-metric="tpr-0.00001"] [data-field="flag"]').textContent()).toMatch(/below resolution/);
    expect(await page.locator('[data-metric="robust"]').textContent()).toContain('PGD-2 L∞ ε = 8/255');
    expect(await page.locator('[data-table="attacks"] tbody tr').count()).toBe(analysis.attacks.length);
    expect(await page.locator('[data-link="samples"]').getAttribute('href')).toBe(`#/study/${id}/samples`);
    await page.screenshot({ path: artifactPath('study-page.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws the ROC curves, markers and floors that studies.analysis returns, for the chosen attack', async () => {
    const { page, errors } = await openStudy();
    for (const kind of ['lira', 'loss'] as const) {
      if (kind !== 'lira') {
        await page.selectOption('[data-control="attack"]', kind);
        await page.locator(`[data-plot="roc-${kind}"] path[data-curve="pooled"]`).waitFor();
      }
      const result = analysis.attacks.find((a) => a.kind === kind)!;
      const plot = `[data-plot="roc-${kind}"]`;
      expect(await json(page, `${plot} path[data-curve="pooled"]`, 'data-fpr')).toEqual(result.pooled.roc.fpr);
      expect(await json(page, `${plot} path[data-curve="pooled"]`, 'data-tpr')).toEqual(result.pooled.roc.tpr);
      expect(Number(await page.locator(`${plot} path[data-curve="pooled"]`).getAttribute('data-auc'))).toBe(result.pooled.auc);
      for (const target of result.targets) {
        expect(await json(page, `${plot} path[data-curve="target-${target.target}"]`, 'data-fpr')).toEqual(target.roc.fpr);
        expect(await json(page, `${plot} path[data-curve="target-${target.target}"]`, 'data-tpr')).toEqual(target.roc.tpr);
      }
      for (const fpr of [0.001, 0.01]) {
        const marker = page.locator(`${plot} circle[data-marker-curve="pooled"][data-fpr="${fpr}"]`);
        expect(Number(await marker.getAttribute('data-tpr'))).toBe(result.pooled.tpr.find((t) => t.fpr === fpr)!.tpr);
      }
      const floors = await page.locator(`${plot} [data-floor]`).evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-floor'))));
      expect(floors).toContain(result.pooled.fprFloor);
      expect(floors).toContain(Math.max(...result.targets.map((t) => t.fprFloor)));
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('bins the member and non-member scores of studies.scores, for each target', async () => {
    const { page, errors } = await openStudy();
    for (const target of [0, 1]) {
      if (target > 0) await page.selectOption('[data-control="target"]', String(target));
      const plot = `[data-plot="scores-lira-target${target}"]`;
      await page.locator(`${plot} path[data-group="member"]`).waitFor();
      const scores = await callApi(served, 'studies.scores', { id, attack: 'lira', target });
      const members = scores.scores.filter((_, i) => scores.member[i] === 1);
      const nonMembers = scores.scores.filter((_, i) => scores.member[i] === 0);
      const expected = sharedHistogram([members, nonMembers], 40, centralRange([members, nonMembers], 0.99) ?? undefined);
      expect(await json(page, `${plot} svg`, 'data-edges')).toEqual(expected.edges);
      expect(await json(page, `${plot} path[data-group="member"]`, 'data-counts')).toEqual(expected.counts[0]);
      expect(await json(page, `${plot} path[data-group="non-member"]`, 'data-counts')).toEqual(expected.counts[1]);
      expect(Number(await page.locator(`${plot} path[data-group="member"]`).getAttribute('data-total'))).toBe(members.filter((s) => s !== null).length);
      expect(members.length + nonMembers.length).toBe(scores.scores.length);
    }
    await page.locator('[data-plot="memorization-tpr"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('study-page-memorization.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
