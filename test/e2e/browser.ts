// Debian's Chromium driven by playwright-core, headless, with a fresh profile for each run.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const artifactsDir = join(process.cwd(), 'test-artifacts', 'console');

export interface BrowserHarness {
  context: BrowserContext;
  page: Page;
  shoot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function launchBrowser(width = 1366, height = 900): Promise<BrowserHarness> {
  mkdirSync(artifactsDir, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'courtrelay-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width, height },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async shoot(name) {
      // The widths staff use: a court desktop and a phone (issue 17).
      for (const [label, w] of [['laptop', 1366], ['phone', 390]] as const) {
        await page.setViewportSize({ width: w, height: 900 });
        await page.screenshot({ path: join(artifactsDir, `${name}-${label}.png`), fullPage: true });
      }
      await page.setViewportSize({ width, height });
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
