import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { toHtml } from '../../evals/lib/report/html.js';
import { SCREENSHOT_DIR, launchChromium } from '../helpers/chromium.js';
import { sampleReport } from './report-fixture.js';

describe('HTML eval report in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders charts, case rows and a failure row, and filters to failures', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kfb-report-'));
    const file = join(dir, 'eval.html');
    await writeFile(file, toHtml(sampleReport()));
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) external.push(r.url());
    });
    await page.goto(pathToFileURL(file).toString());

    const charts = page.locator('svg.chart');
    expect(await charts.count()).toBeGreaterThanOrEqual(7);
    const box = await charts.first().boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    expect(await page.locator('svg.chart rect.bar').count()).toBeGreaterThan(5);
    expect(await page.locator('tr.case').count()).toBe(3);
    const failure = page.locator('tr.case.fail', { hasText: 'fail-1' });
    expect(await failure.locator('td.reason').innerText()).toContain('expected refusal (dosing), got answer');
    expect(await failure.locator('td.question').innerText()).toContain('What <b>dose</b> & "how" much?');

    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'eval-report.png'), fullPage: true });

    await page.check('#only-failures');
    expect(await page.locator('tr.case.pass').isVisible()).toBe(false);
    expect(await page.locator('tr.case.fail').first().isVisible()).toBe(true);
    expect(external).toEqual([]);
    await page.close();
  });
});
