// The console in a real browser: a real Xuefa server (SQLite, demo seed) serving the built
// console, and Debian's Chromium driven by playwright-core. Every page a test opens records
// console errors and failed requests, so "nothing went wrong" can be asserted.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.ts';
import { CONSOLE_DIST } from '../../server/src/console/static.ts';
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts';

export const OUTPUT_DIR = resolve('test/output/console');
const CONSOLE_SOURCE = resolve('server/console');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'components.d.ts') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildIsFresh(): boolean {
  const index = join(CONSOLE_DIST, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs >= newestSource(CONSOLE_SOURCE);
}

/**
 * Builds the console when its build is missing or older than its sources. Vite refuses to run
 * beside another build of the same project (another test process): wait for that one instead.
 */
async function ensureConsoleBuilt(): Promise<void> {
  for (let attempt = 1; !buildIsFresh(); attempt++) {
    try {
      execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', 'server/console', '--logLevel', 'warn'], { stdio: ['ignore', 'inherit', 'pipe'] });
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  }
}

let browserPromise: Promise<Browser> | null = null;
let openApps = 0;

/** One headless Chromium while any console app is open; closed with the last so the process can exit. */
function launchBrowser(): Promise<Browser> {
  browserPromise ??= chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return browserPromise;
}

async function releaseBrowser(): Promise<void> {
  openApps -= 1;
  if (openApps > 0 || !browserPromise) return;
  const closing = browserPromise;
  browserPromise = null;
  await (await closing).close();
}

export type ConsoleApp = { app: TestApp; browser: Browser; baseUrl: string; close(): Promise<void> };

/** A server on a fresh SQLite database with the demo seed, and the browser. */
export async function startConsoleApp(env: Record<string, string> = {}): Promise<ConsoleApp> {
  await ensureConsoleBuilt();
  const app = await startTestApp('sqlite', { LOAD_BANK: 'statutes', ...env });
  openApps += 1;
  const browser = await launchBrowser();
  const close = async () => { await app.close(); await releaseBrowser(); };
  return { app, browser, baseUrl: app.running.url, close };
}

export type WatchedPage = { page: Page; problems: string[]; close(): Promise<void> };

/** A fresh tab (own sessionStorage) that records console errors, page errors and failed requests. */
export async function openTab(consoleApp: ConsoleApp): Promise<WatchedPage> {
  const context = await consoleApp.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A navigation cancels what the page it leaves was still loading: that is not a failure.
    const reason = request.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.method()} ${request.url()} ${reason}`);
  });
  page.on('response', (response) => { if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`); });
  return { page, problems, close: () => context.close() };
}

/** Signs in through the login form and waits to leave it. */
export async function signIn(tab: WatchedPage, baseUrl: string, username: string, path = '/console/'): Promise<void> {
  const { page } = tab;
  await page.goto(`${baseUrl}${path}`);
  await page.getByTestId('username').locator('input').fill(username);
  await page.getByTestId('password').locator('input').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname !== '/console/login');
}

/** Writes a full-page screenshot under test/output/console/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const path = join(OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

// Browser-side code is passed as text: the test project's TypeScript has no DOM library.

/** A computed style of the first element matching a CSS selector (e.g. to see that TDesign's CSS applied). */
export function computedStyle(page: Page, selector: string, property: string): Promise<string> {
  return page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).getPropertyValue(${JSON.stringify(property)})`) as Promise<string>;
}

/** The access token the console keeps for the tab. */
export function tabToken(page: Page): Promise<string | null> {
  return page.evaluate('sessionStorage.getItem("xuefa.console.token")') as Promise<string | null>;
}
