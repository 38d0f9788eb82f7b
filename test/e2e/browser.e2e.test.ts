import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { artifactPath, launchChromium, serve, shutdown, type Served, watchErrors } from './harness';

let served: Served;
let browser: Browser;

beforeAll(async () => {
  served = await serve();
  browser = await launchChromium();
});

afterAll(() => shutdown(browser, served));

describe('the workbench in a browser, over the loopback bridge', () => {
  it('refuses the page without the token', async () => {
    const page = await browser.newPage();
    const response = await page.goto(served.url);
    expect(response?.status()).toBe(401);
    await page.close();
  });

  it('shows the empty studies list, then the About panel filled by the main process', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = watchErrors(page);

    await page.goto(served.openUrl);
    // The token leaves the address bar once the page has it.
    await expect.poll(() => page.url()).not.toContain('token=');
    await page.getByTestId('studies-empty').waitFor();

    await page.click('[data-nav="about"]');
    const selected = page.locator('[data-field="selected-backend"]');
    await selected.waitFor();
    expect(await selected.textContent()).toMatch(/^(tensorflow-gpu|tensorflow|wasm|cpu)$/);
    expect(await page.locator('[data-field="data-dir"]').textContent()).toBe(served.dataDir);
    expect(await page.locator('[data-field="transport"]').textContent()).toBe('loopback browser bridge');
    expect(await page.locator('[data-backend="wasm"]').textContent()).toContain('4.22.0');
    expect(await page.locator('[data-field="node-version"]').textContent()).toBe(process.versions.node);

    // The app icon doubles as the favicon, served like every other asset.
    expect(await page.evaluate(`fetch(document.querySelector('link[rel=icon]').href).then((r) => r.status + ' ' + r.headers.get('content-type'))`)).toBe('200 image/svg+xml');

    await page.screenshot({ path: artifactPath('about-browser.png'), fullPage: true });
    expect(errors).toEqual([]);

    // A reload keeps working: the cookie serves the page and the tab keeps the API token.
    await page.reload();
    await page.click('[data-nav="about"]');
    await page.locator('[data-field="selected-backend"]').waitFor();
    await page.close();
  });

  it('answers an IPC call from the page in a few milliseconds', async () => {
    const page = await browser.newPage();
    await page.goto(served.openUrl);
    await page.getByTestId('studies-empty').waitFor();
    // The page's own path: POST /api/<channel> with the tab's token, a JSON result back.
    const times = (await page.evaluate(`(async () => {
      const token = sessionStorage.getItem('mnemo.token');
      const times = [];
      for (let i = 0; i < 200; i++) {
        const start = performance.now();
        const response = await fetch('/api/studies.list', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Mnemo-Token': token }, body: '{"includeArchived":false}' });
        const result = await response.json();
        if (!result.ok) throw new Error(JSON.stringify(result));
        times.push(performance.now() - start);
      }
      return times;
    })()`)) as number[];
    times.sort((a, b) => a - b);
    const median = times[100]!;
    console.info(`IPC round trip over the bridge (studies.list, 200 calls): median ${median.toFixed(2)} ms, 95th percentile ${times[190]!.toFixed(2)} ms`);
    expect(times).toHaveLength(200);
    expect(median).toBeLessThan(50);
    await page.close();
  });
});
