/** Opens an HTML file in headless Chromium (Debian's `chromium` via playwright-core) and inspects it. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.SGBENCH_CHROMIUM ?? '/usr/bin/chromium';

export interface RenderedPage {
  /** `[data-panel]` placeholders in the page. */
  panels: number;
  /** Chart elements (SVG or canvas) drawn directly into a panel. */
  charts: number;
  /** Panels whose chart failed, with the error. */
  failedPanels: string[];
  /** Chart elements that hold no drawn mark (no path, line, rect, circle or text). */
  emptyCharts: number;
  /** Console errors, uncaught exceptions and failed requests, in order. */
  errors: string[];
  /** Every request the page made beyond its own file. */
  requests: string[];
}

/** Loads `htmlPath`, waits until the page's script has drawn every panel, saves a full-page screenshot. */
export async function renderInChromium(htmlPath: string, screenshotPath: string): Promise<RenderedPage> {
  const profile = mkdtempSync(join(tmpdir(), 'sgbench-chromium-'));
  // A fresh profile each time (playwright passes it to Chromium as --user-data-dir).
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const errors: string[] = [];
    const requests: string[] = [];
    const url = pathToFileURL(resolve(htmlPath)).href;
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`exception: ${e.message}`));
    page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
    page.on('request', (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('body[data-rendered="true"]', { timeout: 30_000 });
    const counts = await page.evaluate(() => {
      const panels = [...document.querySelectorAll('[data-panel]')];
      const charts = panels.flatMap((p) => [...p.querySelectorAll(':scope > svg, :scope > canvas')]);
      return {
        panels: panels.length,
        charts: charts.length,
        failedPanels: panels.filter((p) => p.hasAttribute('data-error')).map((p) => `${p.getAttribute('data-panel')}: ${p.getAttribute('data-error')}`),
        emptyCharts: charts.filter((c) => c.tagName.toLowerCase() === 'svg' && c.querySelector('path, line, rect, circle, text') === null).length,
      };
    });
    mkdirSync(dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });
    return { ...counts, errors, requests };
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
