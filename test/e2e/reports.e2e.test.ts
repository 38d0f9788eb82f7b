/**
 * The reports view against `mnemo serve` on an empty data directory: every reproduction is listed
 * as not run, a report shows its claims with the verdict "not run" and offers its presets, and its
 * HTML export downloads the same report.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, launchChromium, serve, shutdown, type Served, watchErrors } from './harness';

let served: Served;
let browser: Browser;

beforeAll(async () => {
  served = await serve();
  browser = await launchChromium();
});

afterAll(() => shutdown(browser, served));

describe('reports view', () => {
  it('lists the reproductions and shows one with its claims, presets and export', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const errors = watchErrors(page);
    await page.goto(served.openUrl);
    await page.click('[data-nav="reports"]');

    const entries = page.locator('[data-report]');
    await expect.poll(() => entries.count()).toBe(8);
    const ids = await entries.evaluateAll((links) => links.map((a) => a.getAttribute('data-report')));
    expect(ids).toContain('demem-table2');
    expect(ids).toContain('sam-table1');
    expect(await page.locator('aside').innerText()).toContain('not run yet');

    await page.click('[data-report="demem-table2"]');
    await expect.poll(() => page.locator('[data-field="report-title"]').innerText()).toContain('Table 2');
    const verdicts = await page.locator('tr[data-verdict]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-verdict')));
    expect(verdicts.length).toBeGreaterThan(0);
    expect(new Set(verdicts)).toEqual(new Set(['not run']));
    expect(await page.locator('.missing button').first().innerText()).toMatch(/^Run demem-table2/);
    expect(page.url()).toMatch(/#\/reports\/demem-table2$/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Export HTML')]);
    const html = fs.readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/\.html$/);
    expect(html).toContain('Table 2');
    expect(html).toContain('not run');

    await page.screenshot({ path: artifactPath('reports.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
