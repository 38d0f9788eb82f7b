/**
 * The New study form and the studies table against `mnemo serve` on a fresh data dir: a tiny study
 * typed into the generated form (an invalid value flagged inline by name), queued, followed to
 * "completed" by pushed events, renamed, tagged, and found in the table's CSV export.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudyRow } from '../../src-shared/studies';
import { presetById } from '../../src-main/studies/presets';
import { formatMeanStd } from '../../src-shared/format';
import { artifactPath, callApi, launchChromium, serve, shutdown, type Served, watchErrors } from './harness';

let served: Served;
let browser: Browser;

beforeAll(async () => {
  served = await serve();
  browser = await launchChromium();
});

afterAll(() => shutdown(browser, served));

describe('New study form and studies table', () => {
  it('queues a tiny study from the form, follows it to completed, renames, tags and exports it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = watchErrors(page);
    await page.goto(served.openUrl);
    await page.getByTestId('studies-empty').waitFor();

    // A preset of several studies opens as tabs; "(none)" goes back to the schema's defaults.
    await page.click('[data-nav="new"]');
    await page.selectOption('[data-testid="preset-select"]', 'quick');
    await expect.poll(() => page.locator('[data-tab]').allTextContents()).toEqual(['Quick · ERM', 'Quick · PGD-AT', 'Quick · PGD-AT + DeMem']);
    expect(page.url()).toContain('#/new?preset=quick');
    expect(await page.inputValue('[name="dataset.limit"]')).toBe(String(presetById('quick').studies[0]!.dataset.limit));
    await page.selectOption('[data-testid="preset-select"]', '');
    await expect.poll(() => page.locator('[data-tab]').count()).toBe(0);
    await page.locator('[name="name"]').waitFor();
    expect(await page.inputValue('[name="name"]')).toBe('');
    // Defaults come from the schema.
    expect(await page.inputValue('[name="training.optimizer.lr"]')).toBe('0.1');
    expect(await page.inputValue('[name="model.hidden"]')).toBe('256, 128');
    expect(await page.inputValue('[name="robust.epsilon"]')).toBe('8/255');

    await page.fill('[name="name"]', 'E2E tiny');
    await page.selectOption('[name="dataset.id"]', 'digits');
    await page.fill('[name="dataset.limit"]', '300');
    await page.fill('[name="model.hidden"]', '16');
    await page.fill('[name="training.epochs"]', '1');
    await page.fill('[name="attacks.targets"]', '2');
    await page.fill('[name="robust.steps"]', '2');
    await page.fill('[name="robust.maxSamples"]', '20');
    // An invalid value: the server's error lands beside the field, naming it.
    await page.fill('[name="shadow.models"]', '1');
    const error = page.locator('[data-error-for="shadow.models"]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/^Models \(K\): .*2/);
    expect(await page.getAttribute('[name="shadow.models"]', 'aria-invalid')).toBe('true');
    await page.locator('[name="shadow.models"]').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: artifactPath('new-study-error.png') });

    await page.fill('[name="shadow.models"]', '4');
    await expect.poll(() => page.getByTestId('validation-status').textContent(), { timeout: 10_000 }).toBe('Valid');
    await expect.poll(() => error.count()).toBe(0);
    expect(await page.getByTestId('estimate').textContent()).toMatch(/Estimated run time: /);

    await page.getByTestId('queue').click();
    await page.waitForURL(/#\/study\/[^/]+$/);
    const id = decodeURIComponent(page.url().split('#/study/')[1]!);

    // The table follows the study by pushed events: no reload from here on.
    await page.click('[data-nav="studies"]');
    const row = page.locator(`[data-row-key="${id}"]`);
    await row.waitFor();
    await page.screenshot({ path: artifactPath('studies-running.png') });
    const seen: string[] = [];
    await expect
      .poll(
        async () => {
          const status = await row.locator('[data-status]').getAttribute('data-status');
          const done = await row.locator('[data-status]').getAttribute('data-done');
          seen.push(`${status}:${done}`);
          return status;
        },
        { timeout: 60_000, interval: 100 },
      )
      .toBe('completed');
    expect(seen.at(-1)).toBe('completed:4');
    expect(seen.some((s) => !s.startsWith('completed'))).toBe(true);

    // The metrics shown are the stored summary's.
    const [stored] = await callApi(served, 'studies.list', { includeArchived: false });
    expect(stored!.id).toBe(id);
    expect(await row.locator('[data-col="natural"]').textContent()).toBe(formatMeanStd(stored!.summary!.naturalAccuracy, { percent: true }));
    expect(await row.locator('[data-col="auc"]').textContent()).toBe(formatMeanStd(stored!.summary!.auc));

    // Rename and tag through the row's menu.
    await page.click(`[data-menu="${id}"]`);
    await page.click('[data-testid="study-menu"] [data-action="edit"]');
    await page.fill('[name="study-name"]', 'E2E tiny renamed');
    await page.fill('[name="study-tags"]', 'e2e, tiny');
    await page.click('[data-testid="edit-study"] button[type="submit"]');
    await expect.poll(() => row.locator('[data-name]').textContent()).toBe('E2E tiny renamed');
    expect(await row.locator('[data-tag]').allTextContents()).toEqual(['e2e', 'tiny']);

    // Analyse again through the menu: the study runs its attacks once more and completes with the same results.
    const analyses = async () => (await callApi(served, 'studies.analysis', { id })) as unknown;
    const before = await analyses();
    await page.click(`[data-menu="${id}"]`);
    await page.click('[data-testid="study-menu"] [data-action="reanalyze"]');
    const reanalysed = async () => {
      const detail = await callApi(served, 'studies.get', { id });
      const queuedAt = detail.log.findIndex((e) => e.message === 'Study queued to be analysed again.');
      return queuedAt >= 0 && detail.log.slice(queuedAt).some((e) => e.message === 'Study complete.') && detail.status === 'completed';
    };
    await expect.poll(reanalysed, { timeout: 60_000 }).toBe(true);
    expect(await analyses()).toEqual(before);

    // Pin as the baseline: the row shows the marker.
    await row.locator('button[aria-label^="Pin"]').click();
    await row.locator('[data-pinned="true"]').waitFor();

    // Search and keyboard: the table narrows, ↓ and Enter open the active row.
    await page.fill('[data-testid="study-search"]', 'renamed e2e');
    expect(await page.locator('[data-row-key]').count()).toBe(1);
    await page.screenshot({ path: artifactPath('studies-table.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-studies').click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    const line = csv.split(/\r?\n/).find((l) => l.includes(id));
    expect(line, csv).toBeDefined();
    expect(line).toContain('E2E tiny renamed');
    expect(line).toMatch(/e2e.*tiny/);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);

    await page.locator('[role="grid"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/study/${id}$`));

    expect(errors.filter((e) => /^#\/(studies|new)/.test(e))).toEqual([]);
    await page.close();
  });

  it('remembers the table layout and confirms a delete by name', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(served.openUrl);
    await page.locator('[data-row-key]').first().waitFor();

    // Hide a column and sort by name descending; a reload keeps both.
    await page.click('summary:has-text("Columns")');
    await page.uncheck('[data-column-toggle="method"]');
    await page.click('[role="columnheader"][data-col="name"] button');
    await page.click('[role="columnheader"][data-col="name"] button');
    expect(await page.getAttribute('[role="columnheader"][data-col="name"]', 'aria-sort')).toBe('descending');
    // Widen the name column at its edge, and drag the status column before it.
    const nameHeader = page.locator('[role="columnheader"][data-col="name"]');
    const before = (await nameHeader.boundingBox())!.width;
    const edge = (await nameHeader.locator('.resize').boundingBox())!;
    await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
    await page.mouse.down();
    await page.mouse.move(edge.x + edge.width / 2 + 80, edge.y + edge.height / 2, { steps: 5 });
    await page.mouse.up();
    expect(Math.round((await nameHeader.boundingBox())!.width - before)).toBe(80);
    await page.dragAndDrop('[role="columnheader"][data-col="status"]', '[role="columnheader"][data-col="name"]');
    const order = async () => (await page.locator('[role="columnheader"][data-col]').evaluateAll((els) => els.map((e) => e.getAttribute('data-col')))).slice(0, 2);
    expect(await order()).toEqual(['status', 'name']);

    await page.reload();
    await page.locator('[data-row-key]').first().waitFor();
    expect(await page.locator('[role="columnheader"][data-col="method"]').count()).toBe(0);
    expect(await page.getAttribute('[role="columnheader"][data-col="name"]', 'aria-sort')).toBe('descending');
    expect(Math.round((await nameHeader.boundingBox())!.width - before)).toBe(80);
    expect(await order()).toEqual(['status', 'name']);

    const id = (await page.locator('[data-row-key]').first().getAttribute('data-row-key'))!;
    await page.click(`[data-menu="${id}"]`);
    await page.click('[data-testid="study-menu"] [data-action="delete"]');
    const dialog = page.getByTestId('confirm-delete');
    expect(await dialog.textContent()).toContain('“E2E tiny renamed”');
    await page.getByTestId('confirm-delete-button').click();
    await page.getByTestId('studies-empty').waitFor();
    await page.close();
  });

  it('offers to resume the studies Mnemo stopped while they ran', async () => {
    let first: Served | null = await serve();
    let second: Served | null = null;
    try {
      const config = {
        name: 'Long enough to interrupt',
        dataset: { id: 'digits', limit: 300 },
        model: { kind: 'mlp', hidden: [16] },
        training: { epochs: 30 },
        shadow: { models: 4 },
        attacks: { targets: 2 },
        robust: { steps: 2, maxSamples: 20 },
      };
      const study = await callApi(first, 'studies.create', { config });
      await expect.poll(async () => (await callApi(first!, 'studies.list', { includeArchived: false }))[0]!.status, { timeout: 20_000, interval: 100 }).toBe('running');
      const dataDir = first.dataDir;
      await first.stop();
      first = null;

      second = await serve(dataDir);
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(second.openUrl);
      const banner = page.getByTestId('interrupted-banner');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('A study was interrupted');
      expect(await page.locator(`[data-row-key="${study.id}"] [data-status]`).getAttribute('data-status')).toBe('interrupted');
      await page.screenshot({ path: artifactPath('studies-interrupted.png') });
      await page.click(`[data-resume="${study.id}"]`);
      await expect.poll(() => banner.count()).toBe(0);
      await expect.poll(() => page.locator(`[data-row-key="${study.id}"] [data-status]`).getAttribute('data-status'), { timeout: 10_000 }).toMatch(/^(queued|running|completed)$/);
      await callApi(second, 'studies.cancel', { id: study.id });
      await page.close();
    } finally {
      await first?.stop();
      await second?.stop();
      const dir = (second ?? first)?.dataDir;
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stays fast with thousands of studies: only the rows on screen are in the page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const count = 5000;
    const rows: StudyRow[] = Array.from({ length: count }, (_, i) => ({
      id: `s${String(i).padStart(5, '0')}`,
      name: `Sweep ${i}`,
      datasetId: i % 2 ? 'digits' : 'cifar10',
      modelKind: 'mlp',
      methodLabel: `PGD-AT + DeMem (λ=${(i % 50) / 10})`,
      params: { objective: 'pgd-at', update: 'plain', lambda: (i % 50) / 10 },
      status: 'completed',
      error: null,
      modelsDone: 16,
      modelsTotal: 16,
      summary: {
        naturalAccuracy: { mean: 0.5 + (i % 997) / 2000, std: 0.01, n: 16 },
        robustAccuracy: null,
        attack: 'lira',
        auc: { mean: 0.5, std: 0.01, n: 8 },
        tpr: { '0.001': { mean: 0.01, std: 0.001, n: 8 } },
        epsilon: null,
        delta: null,
      },
      createdAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
      startedAt: null,
      finishedAt: null,
      durationSeconds: 60,
      tags: i % 10 ? [] : ['tenth'],
      notes: '',
      archived: false,
      pinned: false,
    }));
    await page.route('**/api/studies.list', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: rows }) }));
    await page.goto(served.openUrl);
    await page.locator('[data-row-key]').first().waitFor();
    expect(await page.getByTestId('study-count').textContent()).toContain('5000 studies');
    expect(await page.locator('[data-row-key]').count()).toBeLessThan(60);

    const started = Date.now();
    await page.click('[role="columnheader"][data-col="natural"] button');
    await page.click('[role="columnheader"][data-col="natural"] button');
    await expect.poll(() => page.locator('[data-row-key]').first().locator('[data-col="natural"]').textContent()).toBe('99.8 ± 1.0');
    const sortMs = Date.now() - started;
    console.log(`sorting 5000 studies twice and redrawing took ${sortMs} ms`);
    expect(sortMs).toBeLessThan(3000);

    // The end of the list is reachable by keyboard, still with few rows in the page.
    await page.locator('[role="grid"]').focus();
    await page.keyboard.press('End');
    await expect.poll(() => page.locator('[data-row-key].active').count()).toBe(1);
    expect(await page.locator('[data-row-key]').count()).toBeLessThan(60);
    await page.fill('[data-testid="study-search"]', 'tenth');
    expect(await page.getByTestId('study-count').textContent()).toContain('500 of 5000 studies');
    await page.close();
  });

  it('loads a config from a JSON file and copies it back as JSON for the CLI', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(served.url).origin });
    const page = await context.newPage();
    await page.goto(served.openUrl);
    await page.click('[data-nav="new"]');
    const config = { name: 'From a file', dataset: { id: 'digits', limit: 500 }, model: { kind: 'cnn', channels: [8, 16] }, method: { objective: { kind: 'pgd-at', epsilon: '4/255' }, demem: { lambda: 0.3 } } };
    await page.getByTestId('load-json').setInputFiles({ name: 'config.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(config)) });
    await expect.poll(() => page.inputValue('[name="name"]')).toBe('From a file');
    expect(await page.inputValue('[name="model"]')).toBe('cnn');
    expect(await page.inputValue('[name="model.channels"]')).toBe('8, 16');
    expect(await page.inputValue('[name="method.objective.epsilon"]')).toBe('4/255');
    expect(await page.isChecked('[name="method.demem"]')).toBe(true);
    expect(await page.inputValue('[name="method.demem.lambda"]')).toBe('0.3');
    await expect.poll(() => page.getByTestId('validation-status').textContent(), { timeout: 10_000 }).toBe('Valid');

    // Switching the objective swaps its sub-form and its defaults.
    await page.selectOption('[name="method.objective"]', 'trades');
    expect(await page.inputValue('[name="method.objective.beta"]')).toBe('6');
    await page.click('button:has-text("Copy as JSON")');
    const copied = JSON.parse(await page.evaluate<string>('navigator.clipboard.readText()')) as { name: string; model: unknown; method: { objective: Record<string, unknown>; demem: unknown } };
    expect(copied.name).toBe('From a file');
    // Fields the file left out are filled with the schema's defaults.
    expect(copied.model).toEqual({ kind: 'cnn', channels: [8, 16], dense: 128, norm: 'none' });
    expect(copied.method.objective).toMatchObject({ kind: 'trades', beta: 6, init: 'gaussian' });
    expect(copied.method.demem).toEqual({ lambda: 0.3 });
    await context.close();
  });
});
