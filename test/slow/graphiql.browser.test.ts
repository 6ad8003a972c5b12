import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { B2B_DEMO, ensureDemoWorkspaces } from '../../src/demo/demo-workspace';
import { ROOT } from '../helpers/paths';

/*
 * GraphiQL in real headless Chromium (Debian's `chromium`, which .ci/install-chromium installs): a person opens
 * /graphql, pastes the demo VIEWER key into the key field and runs a query. UPDATE_SCREENSHOTS=1 refreshes
 * docs/graphiql.png.
 */

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

jest.setTimeout(120_000);

describe('GraphiQL in a browser', () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let keysDir: string | undefined;

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (keysDir) fs.rmSync(keysDir, { recursive: true, force: true });
  });

  it('runs { journeys { name } } with the demo VIEWER key entered in the key field, loading nothing but this server', async () => {
    if (!fs.existsSync(CHROMIUM)) {
      console.warn(`GraphiQL browser test not run: ${CHROMIUM} is missing (Debian: apt-get install chromium, or .ci/install-chromium).`);
      return;
    }
    server = await startTestServer();
    keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journeygraph-demo-keys-'));
    const [keys] = await ensureDemoWorkspaces(server.dataSource, server.app.services, path.join(keysDir, 'demo-keys.json'), [B2B_DEMO]);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
    const requested: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });

    const response = await page.goto(server.url, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('JourneyGraph · GraphiQL');

    await page.fill('#api-key', keys.viewerKey);
    const editor = page.locator('.graphiql-query-editor .CodeMirror').first();
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('{ journeys { name } }');
    const sent = page.waitForRequest((r) => r.method() === 'POST' && (r.postData() ?? '').includes('journeys'));
    await page.locator('.graphiql-execute-button').click();
    const request = await sent;

    // A locator, not waitForFunction: polling a predicate needs eval, which the page's CSP forbids.
    await page.locator('.result-window').filter({ hasText: 'B2B customer lifecycle' }).waitFor({ timeout: 15_000 });
    // Browser-side expressions as strings: the tests are type-checked without the DOM library.
    // The text of the result pane's editor, as a person would copy it.
    const resultText = await page.evaluate<string>(`document.querySelector('.result-window .CodeMirror').CodeMirror.getValue()`);
    expect(JSON.parse(resultText)).toEqual({ data: { journeys: [{ name: 'B2B customer lifecycle' }] } });
    expect(JSON.parse(request.postData()!).query).toBe('{ journeys { name } }');
    expect(await request.headerValue('authorization')).toBe(`Bearer ${keys.viewerKey}`);
    // The key is kept for the next visit.
    expect(await page.evaluate<string | null>(`localStorage.getItem('journeygraph.apiKey')`)).toBe(keys.viewerKey);

    const outside = requested.filter((url) => !LOCAL_HOSTS.has(new URL(url).host.replace(/:\d+$/, '')));
    expect(outside).toEqual([]);
    expect(requested.length).toBeGreaterThan(4);
    expect(problems).toEqual([]);

    const screenshot = process.env.UPDATE_SCREENSHOTS === '1' ? path.resolve(ROOT, 'docs', 'graphiql.png') : path.join(keysDir, 'graphiql.png');
    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
    expect(fs.statSync(screenshot).size).toBeGreaterThan(10_000);
    if (process.env.UPDATE_SCREENSHOTS === '1') console.log(`[graphiql browser test] screenshot saved to ${screenshot}`);
  });
});
