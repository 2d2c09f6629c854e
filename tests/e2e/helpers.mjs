// Shared set-up for the browser journeys: a real `lianfang serve --demo` (tests/lib/server.mjs) serving
// web/dist, and Debian's chromium driven by playwright-core (installed in web/node_modules; no browser download).
import { createRequire } from 'node:module';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { startServer, Client, repoRoot } from '../lib/server.mjs';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

export const PASSWORD = 'Lianfang@2026';
export const screenshotDir = fileURLToPath(new URL('./screenshots/', import.meta.url));
export { Client };

/** Starts a demo server and a headless chromium. Call `stop()` in `after`. */
export async function setUp() {
  if (!existsSync(join(repoRoot, 'web', 'dist', 'index.html'))) {
    throw new Error('web/dist is missing: build the UI first (make web, or cd web && npm ci && npm run build)');
  }
  const server = await startServer({ backend: 'sqlite', demo: true });
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
  } catch (err) {
    await server.stop();
    throw err;
  }
  return {
    server,
    browser,
    base: server.url,
    /** A fresh browser context (own cookies and localStorage) with one page. */
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      page.setDefaultTimeout(15000);
      const errors = [];
      page.on('pageerror', (err) => errors.push(err.message));
      page.pageErrors = errors;
      return page;
    },
    async stop() {
      await browser?.close().catch(() => undefined);
      await server.stop();
    },
  };
}

/** An API client logged in as `username` (to check what the UI claims against the server). */
export async function apiAs(base, username) {
  const client = new Client(base);
  const r = await client.login(username, PASSWORD);
  assert.equal(r.status, 200, `API login as ${username}: ${JSON.stringify(r.body)}`);
  return client;
}

/** Logs in through the login page and waits for the dashboard. */
export async function loginUI(page, base, username, password = PASSWORD) {
  await page.goto(base + '/login');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('[data-test=login-submit]').click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.locator('[data-test=current-user]').waitFor();
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: false });
}

/** The tree node whose label is exactly `label`. */
export function treeNode(page, label) {
  return page.locator('[data-test=org-tree] .node-label').filter({ hasText: new RegExp(`^${label}$`) });
}

/** Clicks an option of the open Element Plus select / dropdown popper. */
export async function pickOption(page, label) {
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) }).click();
}

/** Picks `label` in the open tree dropdown of an OrgPicker (el-tree-select). */
export async function pickTreeNode(page, picker, label) {
  await picker.click();
  await page.locator('.el-tree-select__popper:visible .el-tree-node__content').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) }).click();
  await eventually(async () => assert.equal(await page.locator('.el-select-dropdown:visible').count(), 0));
}

/** The number in the pagination's "共 N 条" / "Total N". */
export async function pagerTotal(page, scope = page) {
  const text = await scope.locator('.el-pagination__total').innerText();
  const m = /(\d+)/.exec(text);
  assert.ok(m, `no total in "${text}"`);
  return Number(m[1]);
}

/** Finds one item by name in a list endpoint's answer. */
export async function findByName(client, path, name) {
  const r = await client.get(path);
  assert.equal(r.status, 200, `GET ${path}: ${JSON.stringify(r.body)}`);
  return r.body.items.find((x) => x.name === name);
}

/** Retries an assertion until it passes or `timeout` ms have gone by (the UI updates asynchronously). */
export async function eventually(fn, { timeout = 10000, interval = 100 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((ok) => setTimeout(ok, interval));
    }
  }
}

/** Texts of all visible tree node labels. */
export async function treeLabels(page) {
  return page.locator('[data-test=org-tree] .node-label').allInnerTexts();
}

/** The form item (label + control + error) whose label is `label`, inside `scope`. */
export function formItem(scope, label) {
  return scope.locator('.el-form-item').filter({ has: scope.page().locator('.el-form-item__label', { hasText: new RegExp(`^${label}$`) }) });
}
