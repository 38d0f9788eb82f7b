/**
 * The main job on a fresh machine: `mnemo serve --quick-study-if-empty` (what `npm start` runs) on an
 * empty data directory queues the quick study's three studies, the workbench shows them, each can be
 * cancelled from its page, and a second start on the same directory queues nothing new.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, callApi, launchChromium, serve, shutdown, tempDataDir, type Served, watchErrors } from './harness';

const dataDir = tempDataDir();
let served: Served;
let browser: Browser;

const list = (on: Served) => callApi(on, 'studies.list', { includeArchived: true });

beforeAll(async () => {
  served = await serve(dataDir, ['--quick-study-if-empty']);
  browser = await launchChromium();
});

afterAll(() => shutdown(browser, served));

describe('the main job', () => {
  it('starts the quick study on an empty data directory, visibly and cancellably, once', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = watchErrors(page);
    await page.goto(served.openUrl);

    const names = ['Quick · ERM', 'Quick · PGD-AT', 'Quick · PGD-AT + DeMem'];
    await expect.poll(async () => (await list(served)).map((s) => s.name).sort(), { timeout: 15_000 }).toEqual(names);
    for (const name of names) await page.getByText(name, { exact: true }).first().waitFor();
    await expect.poll(async () => (await list(served)).some((s) => s.status === 'running'), { timeout: 30_000 }).toBe(true);
    await page.screenshot({ path: artifactPath('main-job.png') });

    for (const study of await list(served)) {
      await page.evaluate(`location.hash = '#/study/${study.id}'`);
      await page.click('[data-action="cancel"]');
      await expect.poll(async () => (await list(served)).find((s) => s.id === study.id)?.status, { timeout: 30_000 }).toBe('cancelled');
    }
    expect(errors).toEqual([]);
    await page.close();

    await served.stop();
    served = await serve(dataDir, ['--quick-study-if-empty']);
    const again = await list(served);
    expect(again).toHaveLength(3);
    expect(new Set(again.map((s) => s.status))).toEqual(new Set(['cancelled']));
  });
});
