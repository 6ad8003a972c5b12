import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { CLOTHIER_DEMO, createDemoWorkspace } from '../../src/demo/demo-workspace';
import { Role } from '../../src/core/role.enum';
import { dashboardSize, ensureDashboardBuilt } from '../../scripts/build-web';
import { formatAttainment, formatCount, formatValue } from '../../web/src/format';
import { ROOT } from '../helpers/paths';

/*
 * The reference dashboard in real headless Chromium (Debian's `chromium`, which .ci/install-chromium installs), against a demo-like
 * workspace of its own: a person signs in with an API key, opens every view, and reads the numbers the API gives for the very
 * request the page sent. A FINANCE key approves a target an EDITOR drafted, and the KPI matrix shows it. Every view passes axe-core
 * without a serious violation, at 1280×800 and 1024×768, and nothing is loaded from anywhere but this server.
 * UPDATE_SCREENSHOTS=1 refreshes the screenshots in docs/dashboard/.
 */

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const KEY_STORAGE = 'journeygraph.dashboard.apiKey';
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.resolve(ROOT, 'docs', 'dashboard') : undefined;
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

jest.setTimeout(300_000);

interface SentOperation {
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
}

const available = fs.existsSync(CHROMIUM);
const describeInBrowser = available ? describe : describe.skip;
if (!available) console.warn(`Dashboard browser test not run: ${CHROMIUM} is missing (Debian: apt-get install chromium, or .ci/install-chromium).`);

describeInBrowser('the dashboard in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let tmp: string;
  let origin: string;
  let keys: { admin: string; viewer: string; editor: string; finance: string; ingest: string; empty: string; clothier: string };
  const problems: string[] = [];
  const requested: string[] = [];

  beforeAll(async () => {
    const build = ensureDashboardBuilt({ quiet: true });
    if (build.problem) throw new Error(`the dashboard could not be built: ${build.problem}`);
    server = await startTestServer();
    origin = server.url.replace(/\/graphql$/, '');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'journeygraph-dashboard-'));
    // The demo of `npm start` under a name of its own, made as on 15 January 2026: its data runs through December 2025.
    const demo = await createDemoWorkspace(server.dataSource, server.app.services, { name: 'Demo workspace (browser test)', today: new Date('2026-01-15T12:00:00Z') });
    const key = async (role: Role) => (await server.app.services.workspaces.createKey(demo.workspaceId, { name: `${role} key`, role })).key;
    const empty = await server.workspace();
    // The online clothier (TRANSACTIONAL, EUR) made on the same day: its views differ where the business model does.
    const clothier = await createDemoWorkspace(server.dataSource, server.app.services, { demo: CLOTHIER_DEMO, name: 'Clothier (browser test)', today: new Date('2026-01-15T12:00:00Z') });
    keys = {
      admin: await key(Role.ADMIN),
      viewer: await key(Role.VIEWER),
      editor: await key(Role.EDITOR),
      finance: await key(Role.FINANCE),
      ingest: await key(Role.INGEST),
      empty: empty.adminKey,
      clothier: (await server.app.services.workspaces.createKey(clothier.workspaceId, { name: 'clothier viewer', role: Role.VIEWER })).key,
    };
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    if (SCREENSHOTS) fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  afterEach(() => {
    const outside = requested.filter((url) => !url.startsWith('data:') && !LOCAL_HOSTS.has(new URL(url).host.replace(/:\d+$/, '')));
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    problems.length = 0;
    requested.length = 0;
  });

  /** A new tab of its own (a new browser session), watching for errors, CSP violations and requests to other hosts. */
  async function newPage(viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page; sent: SentOperation[] }> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const sent: SentOperation[] = [];
    page.on('request', (request: Request) => {
      requested.push(request.url());
      if (request.method() === 'POST' && request.url().endsWith('/graphql')) sent.push(JSON.parse(request.postData() ?? '{}'));
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // The API-down and forbidden cases answer with errors on purpose; everything else must be clean, CSP reports included.
      if (message.type() === 'error' && !/Failed to load resource|ERR_FAILED|net::/.test(message.text())) problems.push(`console error: ${message.text()}`);
    });
    return { context, page, sent };
  }

  async function signIn(page: Page, key: string): Promise<void> {
    await page.goto(`${origin}/`);
    await page.locator('#api-key').fill(key);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=role]').waitFor();
  }

  async function open(page: Page, title: string): Promise<void> {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: title, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
  }

  const matrixOperation = 'KpiDashboard';

  /** The last request the page sent for an operation, sent again by the test with the same key: what the API answers for it. */
  async function apiAnswer<T = any>(sent: SentOperation[], operationName: string, key: string): Promise<T> {
    const op = [...sent].reverse().find((o) => o.operationName === operationName);
    if (!op) throw new Error(`the page sent no ${operationName}; it sent ${sent.map((o) => o.operationName).join(', ')}`);
    const res = await server.gql<T>(op.query, op.variables, key);
    expect(res.errors).toBeUndefined();
    return res.data as T;
  }

  async function text(page: Page, selector: string): Promise<string> {
    return (await page.locator(selector).first().innerText()).trim();
  }

  /** Every cell of the matrix on screen against the API's: its value and its target, as the dashboard formats them. Returns how many. */
  async function compareMatrix(page: Page, m: any, currency: string): Promise<number> {
    let compared = 0;
    for (const row of m.rows) {
      for (const cell of row.cells) {
        const unit = m.columns.find((c: any) => c.kpi === cell.kpi).unit;
        const td = `td[data-kpi="${cell.kpi}"][data-row="${row.total ? 'total' : (row.key ?? '')}"]`;
        expect({ cell: `${row.key ?? 'total'} ${cell.kpi}`, value: await text(page, `${td} .value`) }).toEqual({
          cell: `${row.key ?? 'total'} ${cell.kpi}`,
          value: formatValue(cell.value, unit, currency),
        });
        if (cell.target !== null) expect(await text(page, `${td} .target`)).toBe(`target ${formatValue(cell.target, unit, currency)}`);
        compared += 1;
      }
    }
    return compared;
  }

  async function axe(page: Page, view: string): Promise<void> {
    // Evaluated through the DevTools protocol, which the page's CSP does not govern (it forbids inline scripts).
    if (!(await page.evaluate<boolean>(`typeof window.axe === 'object'`))) await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate<{ id: string; impact: string; help: string; nodes: { target: string[] }[] }[]>(
      `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) })))`,
    );
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect({ view, violations: serious }).toEqual({ view, violations: [] });
  }

  async function fitsWidth(page: Page): Promise<boolean> {
    return page.evaluate<boolean>(`document.documentElement.scrollWidth <= window.innerWidth`);
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    const file = path.join(SCREENSHOTS ?? tmp, `${name}.png`);
    await page.screenshot({ path: file, fullPage: false });
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
  }

  it('signs in with a VIEWER key by keyboard alone, shows the workspace and role, and the KPI matrix holds the API’s numbers', async () => {
    const { context, page, sent } = await newPage();
    const response = await page.goto(`${origin}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await axe(page, 'sign-in');
    await screenshot(page, 'sign-in');

    // A malformed key is refused before it is sent.
    await page.keyboard.type('not a key');
    await page.keyboard.press('Enter');
    await page.getByText('An API key reads jg_<id>_<secret>').waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(keys.viewer);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=role]').waitFor();
    expect(await text(page, '[data-testid=role]')).toBe('VIEWER');
    expect(await text(page, '[data-testid=workspace-name]')).toBe('Demo workspace (browser test)');
    expect(await text(page, '[data-testid=data-through]')).toBe('Dec 2025');
    expect(await text(page, '[data-testid=business-model]')).toBe('Subscription');
    expect(await page.evaluate<string | null>(`sessionStorage.getItem(${JSON.stringify(KEY_STORAGE)})`)).toBe(keys.viewer);

    const matrix = page.locator('[data-testid=kpi-matrix]');
    await matrix.waitFor();
    const answer = await apiAnswer(sent, matrixOperation, keys.viewer);
    const m = answer.kpiMatrix;
    expect(m.periodStart).toBe('2025-12-01');
    // The four tiers, the costs that name no customer (no tier), and the total.
    expect(m.rows.map((r: any) => (r.total ? 'total' : r.key))).toEqual(['strategic', 'enterprise', 'growth', 'scale', null, 'total']);
    expect(await compareMatrix(page, m, 'USD')).toBe(60);
    // The demo's approved targets for December 2025 are among the cells compared above: MRR, NRR and customer equity of the total row.
    const total = m.rows.find((r: any) => r.total);
    for (const kpi of ['MRR', 'NRR', 'CUSTOMER_EQUITY']) expect(total.cells.find((c: any) => c.kpi === kpi).target).not.toBeNull();
    // The trends follow the numbers: a sparkline per cell with a series.
    await page.locator('[data-testid=kpi-matrix] .sparkline svg').first().waitFor();
    expect(await page.locator('[data-testid=kpi-matrix] .sparkline svg').count()).toBeGreaterThan(40);
    await axe(page, 'KPI dashboard');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'kpi-dashboard');

    // Keyboard: Tab from the view's heading reaches the views' links; Enter opens one and focus lands on its heading.
    await page.getByRole('heading', { level: 1 }).focus();
    const nav = page.getByRole('navigation', { name: 'Views' });
    await nav.getByRole('link', { name: 'KPI dashboard' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>(`document.activeElement.textContent`)).toBe('Journey map');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Journey map' }).waitFor();
    expect(await page.evaluate<string>(`document.activeElement.tagName + ' ' + document.activeElement.textContent`)).toBe('H1 Journey map');
    await context.close();
  });

  it('shows every view with the numbers the API answers for the same request, at 1280×800 and 1024×768', async () => {
    const { context, page, sent } = await newPage();
    await signIn(page, keys.viewer);

    // Journey map: five phases in order with owners and scorecards.
    await open(page, 'Journey map');
    await page.locator('[data-testid=journey-map]').waitFor();
    const journey = (await apiAnswer(sent, 'JourneyMap', keys.viewer)).journeys[0];
    const phases = page.locator('[data-testid=journey-map] > li');
    expect(await phases.count()).toBe(5);
    for (const [i, phase] of journey.phases.entries()) {
      const column = phases.nth(i);
      expect(await column.getAttribute('data-phase')).toBe(phase.key);
      expect((await column.locator('[data-testid=phase-owner]').innerText()).startsWith(phase.owner.name)).toBe(true);
      expect(await column.locator('[data-mode]').count()).toBe(phase.touchpoints.length);
      for (const entry of phase.scorecard.entries) {
        expect(await column.locator(`[data-metric="${entry.metric.key}"] .value`).innerText()).toBe(formatValue(entry.value, entry.metric.unit, 'USD'));
      }
      if (phase.scorecard.entries.length) expect(await column.locator('[data-testid=phase-mean]').innerText()).toBe(formatAttainment(phase.scorecard.meanAttainment));
    }
    expect(journey.phases.some((p: any) => p.scorecard.entries.some((e: any) => e.value !== null))).toBe(true);
    await axe(page, 'Journey map');
    await screenshot(page, 'journey-map');

    // Revenue movements: the bridge per period.
    await open(page, 'Revenue movements');
    await page.locator('[data-testid=mrr-bridge]').waitFor();
    const series = (await apiAnswer(sent, 'RevenueMovements', keys.viewer)).kpis as { kpi: string; points: { periodStart: string; value: number | null }[] }[];
    const months = series[0].points.map((p) => p.periodStart);
    expect(months).toHaveLength(12);
    for (const s of series) {
      for (const p of s.points) {
        const cell = `[data-testid=mrr-bridge] tr[data-period="${p.periodStart}"] td[data-field="${s.kpi}"]`;
        expect(await text(page, cell)).toBe(formatValue(p.value, s.kpi === 'NRR' || s.kpi === 'GRR' ? 'PERCENT' : 'CURRENCY', 'USD'));
      }
    }
    // A SUBSCRIPTION workspace: the MRR bridge, and no orders table.
    expect(await page.locator('[data-testid=mrr-bridge] caption').innerText()).toMatch(/^MRR bridge/);
    expect(await page.locator('[data-testid=orders-table]').count()).toBe(0);
    await axe(page, 'Revenue movements');
    await screenshot(page, 'revenue-movements');

    // Customer equity: its components per period, and the waterfall of the last one.
    await open(page, 'Customer equity');
    await page.locator('[data-testid=equity-table]').waitFor();
    const equity = (await apiAnswer(sent, 'CustomerEquity', keys.viewer)).customerEquity[0].points;
    for (const p of equity) {
      for (const field of ['newRevenue', 'acquisitionCost', 'existingRevenue', 'servicingCost', 'churnLoss', 'total']) {
        expect(await text(page, `[data-testid=equity-table] tr[data-period="${p.periodStart}"] td[data-field="${field}"]`)).toBe(formatValue(p[field], 'CURRENCY', 'USD'));
      }
    }
    expect(await text(page, '[data-testid=equity-total]')).toBe(formatValue(equity[equity.length - 1].total, 'CURRENCY', 'USD'));
    expect(await page.locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(6);
    await axe(page, 'Customer equity');
    await screenshot(page, 'customer-equity');

    // Metric chain: every node from customer equity down to the activities, with attainment and chain score.
    await open(page, 'Metric chain');
    await page.locator('[data-testid=metric-chain]').waitFor();
    const chain = (await apiAnswer(sent, 'MetricChain', keys.viewer)).metricChain;
    expect(chain.nodes.length).toBe(8);
    for (const node of chain.nodes) {
      const item = page.locator(`[data-testid=metric-chain] li[data-metric="${node.metric.key}"] > .chain-node`).first();
      expect(await item.locator('.value').innerText()).toBe(formatValue(node.value, node.metric.unit, 'USD'));
      expect(await item.locator('[data-field=attainment]').innerText()).toBe(formatAttainment(node.attainment));
      expect(await item.locator('[data-field=chainScore]').innerText()).toBe(formatAttainment(node.chainScore));
    }
    const signalled = chain.nodes.filter((n: any) => n.signal === 'DISCONNECT' || n.signal === 'UNDERPOWERED');
    if (signalled.length) expect(await page.locator('[data-testid=chain-signals] li').count()).toBe(signalled.length);
    await axe(page, 'Metric chain');
    await screenshot(page, 'metric-chain');

    // Scorecards per owner and the phase funnel.
    await open(page, 'Scorecards & funnel');
    await page.locator('[data-testid=phase-funnel]').waitFor();
    const owners = (await apiAnswer(sent, 'OwnerScorecards', keys.viewer)).owners;
    for (const owner of owners) {
      const card = page.locator(`[data-owner="${owner.name}"]`);
      expect(await card.locator('[data-testid=owner-mean]').innerText()).toBe(formatAttainment(owner.scorecard.meanAttainment));
      for (const entry of owner.scorecard.entries)
        expect(await card.locator(`tr[data-metric="${entry.metric.key}"] .value`).innerText()).toBe(formatValue(entry.value, entry.metric.unit, 'USD'));
    }
    const funnel = (await apiAnswer(sent, 'PhaseFunnel', keys.viewer)).phaseFunnel;
    expect(funnel).toHaveLength(5);
    for (const step of funnel) expect(await text(page, `[data-testid=phase-funnel] tr[data-phase="${step.phase.key}"] td[data-field=entered]`)).toBe(formatCount(step.entered));
    expect(funnel.some((s: any) => s.entered > 0)).toBe(true);
    await axe(page, 'Scorecards & funnel');
    await screenshot(page, 'scorecards');

    // Targets: the demo's approved targets of December 2025, read-only for a VIEWER.
    await open(page, 'Targets');
    await page.locator('[data-testid=targets]').waitFor();
    const targets = (await apiAnswer(sent, 'Targets', keys.viewer)).targets;
    expect(await page.locator('[data-testid=targets] tbody tr').count()).toBe(targets.length);
    expect(await page.getByRole('button', { name: /Approve selected/ }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Draft a target' }).count()).toBe(0);
    await axe(page, 'Targets');
    await screenshot(page, 'targets');

    // The same views at 1024×768: no page-wide horizontal scrolling (wide tables scroll in their own region).
    await page.setViewportSize({ width: 1024, height: 768 });
    const overflowing: string[] = [];
    for (const title of ['Journey map', 'Revenue movements', 'Customer equity', 'Metric chain', 'Scorecards & funnel', 'Targets', 'KPI dashboard']) {
      await open(page, title);
      await page.locator('.state-loading').waitFor({ state: 'detached' });
      if (!(await fitsWidth(page))) overflowing.push(title);
    }
    await page.locator('[data-testid=kpi-matrix] .sparkline svg').first().waitFor();
    await screenshot(page, 'kpi-dashboard-1024');
    expect(overflowing).toEqual([]);
    await context.close();
  });

  it('lets an EDITOR draft a target that a FINANCE key approves, and the KPI matrix then measures against it', async () => {
    // The EDITOR drafts a December 2025 target for tickets per customer (a KPI the demo has no target for), whole workspace.
    const editor = await newPage();
    await signIn(editor.page, keys.editor);
    await open(editor.page, 'Targets');
    const form = editor.page.getByRole('form', { name: 'Draft a target' });
    await form.getByLabel('KPI or metric').selectOption('kpi:TICKETS_PER_CUSTOMER');
    await form.getByLabel('Period').selectOption('2025-12-01');
    await form.getByLabel('Target').fill('0.5');
    await form.getByRole('button', { name: 'Draft' }).click();
    await editor.page.getByText('Target drafted. A FINANCE key approves it.').waitFor();
    expect(await editor.page.getByRole('button', { name: /Approve selected/ }).count()).toBe(0);
    await screenshot(editor.page, 'targets-editor');
    await editor.context.close();

    const { context, page, sent } = await newPage();
    await signIn(page, keys.finance);
    // Before approval the matrix shows no target for it: a draft counts nowhere.
    const cellTarget = 'td[data-kpi=TICKETS_PER_CUSTOMER][data-row=total] .cell-target';
    await page.locator('[data-testid=kpi-matrix]').waitFor();
    expect(await text(page, cellTarget)).toBe('no target');

    await open(page, 'Targets');
    const draftRow = page.locator('[data-testid=targets] tr[data-status=DRAFT]');
    await draftRow.first().waitFor();
    expect(await draftRow.count()).toBe(1);
    await draftRow.getByRole('checkbox').check();
    await screenshot(page, 'targets-finance');
    await page.getByRole('button', { name: 'Approve selected (1)' }).click();
    await page.getByText('1 target approved.').waitFor();
    await page.locator('[data-testid=targets] tr[data-status=DRAFT]').waitFor({ state: 'detached' });

    await open(page, 'KPI dashboard');
    const cell = page.locator('td[data-kpi=TICKETS_PER_CUSTOMER][data-row=total]');
    await cell.locator('.target').filter({ hasText: 'target 0.5×' }).waitFor();
    const answer = await apiAnswer(sent, matrixOperation, keys.finance);
    const tickets = answer.kpiMatrix.rows.find((r: any) => r.total).cells.find((c: any) => c.kpi === 'TICKETS_PER_CUSTOMER');
    expect(tickets.target).toBe(0.5);
    expect(await text(page, cellTarget)).toBe(`target 0.5× · ${formatAttainment(tickets.attainment)}`);
    expect(await cell.locator('.status').getAttribute('title')).toBe({ ON_TRACK: 'On track', AT_RISK: 'At risk', OFF_TRACK: 'Off track' }[tickets.status as string]);
    await context.close();
  });

  it('tells a person what to do: no data yet, a key that may not read, a refused key, the API down', async () => {
    const { context, page } = await newPage();

    // A new workspace without facts or journeys.
    await signIn(page, keys.empty);
    await page.getByRole('heading', { name: 'No data yet' }).waitFor();
    expect(await text(page, '[data-testid=data-through]')).toBe('no data yet');
    await screenshot(page, 'state-no-data');
    await open(page, 'Journey map');
    await page.getByRole('heading', { name: 'No journey yet' }).waitFor();
    await axe(page, 'empty workspace');

    // An INGEST key may sign in but may not read KPIs.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, keys.ingest);
    await page.getByRole('heading', { name: 'Your key may not read this' }).waitFor();
    await screenshot(page, 'state-forbidden');

    // A revoked or unknown key goes back to the sign-in with the API's reason.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#api-key').fill('jg_00000000-0000-0000-0000-000000000000_nosuchsecret');
    await page.keyboard.press('Enter');
    await page.getByText('The API refused this key').waitFor();
    expect(await page.evaluate<string | null>(`sessionStorage.getItem(${JSON.stringify(KEY_STORAGE)})`)).toBeNull();

    // The API does not answer.
    await page.locator('#api-key').fill(keys.viewer);
    await page.route('**/graphql', (route) => route.abort('connectionrefused'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'The API does not answer' }).waitFor();
    await axe(page, 'API down');
    await screenshot(page, 'state-api-down');
    await page.unroute('**/graphql');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.locator('[data-testid=kpi-matrix]').waitFor();
    await context.close();
  });

  it('measures the built size and the time from navigation to the KPI matrix’s numbers (reported, not asserted)', async () => {
    const size = dashboardSize();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // The key as a signed-in tab holds it; set before the page's own scripts run.
    await context.addInitScript(`sessionStorage.setItem(${JSON.stringify(KEY_STORAGE)}, ${JSON.stringify(keys.viewer)})`);
    const page = await context.newPage();
    page.on('request', (request) => requested.push(request.url()));
    const times: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await page.goto('about:blank');
      const started = Date.now();
      await page.goto(`${origin}/#/kpis`);
      await page.locator('td[data-kpi=MRR][data-row=total] .value').filter({ hasText: '$' }).waitFor();
      times.push(Date.now() - started);
    }
    console.log(
      `[dashboard] built app ${(size.gzipBytes / 1024).toFixed(1)} KB gzipped (${size.files.map((f) => `${f.file} ${(f.gzipBytes / 1024).toFixed(1)} KB`).join(', ')}); ` +
        `navigation to the KPI matrix's numbers: ${times[0]} ms cold, then ${times.slice(1).join(' ms, ')} ms with the assets cached`,
    );
    expect(size.gzipBytes).toBeGreaterThan(50_000);
    await context.close();
  });

  it('marks a period that runs past the data-completeness watermark as incomplete, and its cells as computed to date', async () => {
    // Fiscal quarters from February: the quarter November 2025 – January 2026 outlasts the data, which ends with December 2025.
    const setFiscalStart = (month: number) =>
      server.gql('mutation($m: Int!) { updateWorkspace(input: { fiscalYearStartMonth: $m }) { fiscalYearStartMonth } }', { m: month }, keys.admin);
    expect((await setFiscalStart(2)).errors).toBeUndefined();
    const { context, page, sent } = await newPage();
    try {
      await signIn(page, keys.viewer);
      await page.goto(`${origin}/#/kpis?grain=QUARTER`);
      // The month view of the sign-in is replaced by the quarter's, whose first row comes with the new caption.
      await page.locator('.matrix-caption strong').filter({ hasText: 'Nov 2025–Jan 2026' }).waitFor();
      expect(await text(page, '[data-testid=incomplete-period]')).toBe('Incomplete period: data through Dec 31, 2025');
      // The API says so of every cell: computed to date, through the watermark's last day, and not judged.
      const m = (await apiAnswer(sent, matrixOperation, keys.viewer)).kpiMatrix;
      expect(m.periodStart).toBe('2025-11-01');
      const cells = m.rows.flatMap((r: any) => r.cells);
      expect(cells.every((c: any) => c.complete === false && c.dataThrough === '2025-12-31' && c.status === 'INCOMPLETE')).toBe(true);
      expect(await page.locator('[data-testid=cell-incomplete]').count()).toBe(cells.length);
      expect(await text(page, '[data-testid=cell-incomplete]')).toBe('to Dec 31, 2025');
      expect(await page.locator('.legend .status-incomplete').count()).toBe(1);
      // The quarter before it is whole: no flag.
      await page.goto(`${origin}/#/kpis?grain=QUARTER&through=2025-10-01`);
      await page.locator('.matrix-caption strong').filter({ hasText: 'Aug–Oct 2025' }).waitFor();
      expect(await page.locator('[data-testid=incomplete-period]').count()).toBe(0);
      expect(await page.locator('[data-testid=cell-incomplete]').count()).toBe(0);
      // A month after the watermark has no values yet, and says so.
      await page.goto(`${origin}/#/kpis?grain=MONTH&through=2026-01-01`);
      await page.locator('.matrix-caption strong').filter({ hasText: 'Jan 2026' }).waitFor();
      expect(await text(page, '[data-testid=incomplete-period]')).toBe('Incomplete period: it starts after the data, no values yet');
      expect(await text(page, '[data-testid=cell-incomplete]')).toBe('no data yet');
    } finally {
      await context.close();
      await setFiscalStart(1);
    }
  });

  it('shows the clothier (TRANSACTIONAL) with its order KPIs, its run-rate bridge and its orders, as the API answers them', async () => {
    const { context, page, sent } = await newPage();
    await signIn(page, keys.clothier);
    expect(await text(page, '[data-testid=business-model]')).toBe('Transactional');
    expect(await text(page, '[data-testid=workspace-name]')).toBe('Clothier (browser test)');
    expect(await text(page, '[data-testid=data-through]')).toBe('Dec 2025');

    // The KPI matrix opens on the order KPIs, not on MRR, per loyalty tier.
    await page.locator('[data-testid=kpi-matrix]').waitFor();
    const m = (await apiAnswer(sent, matrixOperation, keys.clothier)).kpiMatrix;
    expect(m.columns.map((c: any) => c.kpi)).toEqual(['REVENUE', 'ORDERS', 'AOV', 'REPEAT_PURCHASE_RATE', 'REFUND_RATE', 'ACTIVE_CUSTOMERS', 'NRR', 'CUSTOMER_EQUITY', 'CSAT', 'NPS']);
    expect(m.rows.filter((r: any) => !r.total).map((r: any) => r.key)).toEqual(expect.arrayContaining(['vip', 'member', 'guest']));
    expect(await compareMatrix(page, m, 'EUR')).toBe(m.rows.length * 10);
    const total = m.rows.find((r: any) => r.total);
    for (const kpi of ['REVENUE', 'ORDERS']) expect(total.cells.find((c: any) => c.kpi === kpi).value).toBeGreaterThan(0);
    // Repeat purchase rate leads (catalogue), the rest trails.
    expect(await page.locator('th.group-leading').count()).toBe(1);
    await page.locator('[data-testid=kpi-matrix] .sparkline svg').first().waitFor();
    await axe(page, 'KPI dashboard (clothier)');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'kpi-dashboard-clothier');

    // Revenue movements: the run rate's bridge and the orders per period.
    await open(page, 'Revenue movements');
    await page.locator('[data-testid=orders-table]').waitFor();
    await page.locator('[data-testid=mrr-bridge]').waitFor();
    expect(await page.locator('[data-testid=mrr-bridge] caption').innerText()).toMatch(/^Run rate bridge/);
    const series = (await apiAnswer(sent, 'RevenueMovements', keys.clothier)).kpis as { kpi: string; points: { periodStart: string; value: number | null }[] }[];
    for (const s of series) {
      for (const p of s.points) {
        const cell = `[data-testid=mrr-bridge] tr[data-period="${p.periodStart}"] td[data-field="${s.kpi}"]`;
        expect(await text(page, cell)).toBe(formatValue(p.value, s.kpi === 'NRR' || s.kpi === 'GRR' ? 'PERCENT' : 'CURRENCY', 'EUR'));
      }
    }
    const orders = (await apiAnswer(sent, 'OrderMovements', keys.clothier)).kpis as { kpi: string; unit: string; points: { periodStart: string; value: number | null }[] }[];
    expect(orders.map((s) => s.kpi).sort()).toEqual(['AOV', 'ORDERS', 'REFUND_RATE', 'REPEAT_PURCHASE_RATE', 'REVENUE']);
    expect(orders[0].points).toHaveLength(12);
    for (const s of orders) {
      for (const p of s.points) {
        expect(await text(page, `[data-testid=orders-table] tr[data-period="${p.periodStart}"] td[data-field="${s.kpi}"]`)).toBe(formatValue(p.value, s.unit as never, 'EUR'));
      }
    }
    expect(orders.find((s) => s.kpi === 'ORDERS')!.points.every((p) => (p.value ?? 0) > 0)).toBe(true);
    await axe(page, 'Revenue movements (clothier)');
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'revenue-movements-clothier');
    await context.close();
  });

  // The drill-down of a count: the B2B demo's active customers of the whole workspace, the clothier's VIP shoppers.
  it.each([
    { demo: 'B2B', key: () => keys.viewer, row: 'total', heading: 'MRR before', shot: 'drill-down' },
    { demo: 'clothier', key: () => keys.clothier, row: 'vip', heading: 'Run rate before', shot: 'drill-down-clothier' },
  ])('lists as many customers behind a count as its cell says (drill-down, $demo)', async ({ key, row, heading, shot }) => {
    const { context, page, sent } = await newPage();
    await signIn(page, key());
    const cell = page.locator(`td[data-kpi=ACTIVE_CUSTOMERS][data-row=${row}] button.value`);
    await cell.waitFor();
    const count = Number((await cell.innerText()).replace(/[^0-9]/g, ''));
    expect(count).toBeGreaterThan(0);
    await cell.click();
    const dialog = page.locator('[data-testid=drill-down]');
    await dialog.locator('[data-testid=drill-total]').waitFor();
    expect(await dialog.locator('[data-testid=drill-total]').innerText()).toMatch(new RegExp(`^${formatCount(count)} customers`));
    expect(await dialog.locator('thead th').nth(2).innerText()).toBe(heading);
    // A page of 100 at a time: “Show more” until the list is whole, each page waited for before the next is asked.
    const rows = dialog.locator('[data-testid=drill-row]');
    await rows.first().waitFor();
    for (let shown = await rows.count(); shown < count; shown = await rows.count()) {
      await dialog.getByRole('button', { name: 'Show more' }).click();
      await rows.nth(shown).waitFor();
    }
    expect(await rows.count()).toBe(count);
    expect(await dialog.getByRole('button', { name: 'Show more' }).count()).toBe(0);
    // The first page as the API gives it, in its order.
    const asked = sent.find((o) => o.operationName === 'KpiCustomers' && !o.variables.after)!;
    const res = await server.gql<any>(asked.query, asked.variables, key());
    expect(res.errors).toBeUndefined();
    const first = res.data.kpiCustomers;
    expect(first.totalCount).toBe(count);
    const names = await dialog.locator('[data-testid=drill-row] td:first-child').allInnerTexts();
    expect(names.slice(0, first.edges.length).map((n) => n.trim())).toEqual(first.edges.map((e: any) => `${e.node.customer.name} ${e.node.customer.externalId}`));
    await axe(page, `drill-down (${row})`);
    await dialog.evaluate((el) => el.scrollTo(0, 0));
    await screenshot(page, shot);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await context.close();
  });

  it('splits the matrix into leading and trailing indicators as the KPI catalogue says', async () => {
    const { context, page } = await newPage();
    await signIn(page, keys.viewer);
    await page.locator('[data-testid=kpi-matrix]').waitFor();
    const res = await server.gql<{ kpiCatalog: { key: string; name: string; indicator: string }[] }>('{ kpiCatalog { key name indicator } }', {}, keys.viewer);
    const byKey = new Map(res.data!.kpiCatalog.map((d) => [d.key, d]));
    // textContent: the headings are set in capitals by CSS only.
    expect(await page.locator('th.group-leading').textContent()).toBe('Leading indicators');
    expect(await page.locator('th.group-trailing').textContent()).toBe('Trailing indicators');
    for (const kpi of ['CSAT', 'NRR']) expect(await text(page, `thead th[data-kpi=${kpi}]`)).toBe(byKey.get(kpi)!.name);
    await context.close();
  });

  it.each([
    { demo: 'B2B', key: () => keys.viewer, currency: 'USD', shot: 'cohorts' },
    { demo: 'clothier', key: () => keys.clothier, currency: 'EUR', shot: 'cohorts-clothier' },
  ])('shows the cohorts as a retention heatmap with the API’s values ($demo)', async ({ key, currency, shot }) => {
    const { context, page, sent } = await newPage();
    await signIn(page, key());
    await open(page, 'Scorecards & funnel');
    await page.locator('[data-testid=cohorts]').waitFor();
    const cohorts = (await apiAnswer(sent, 'Cohorts', key())).cohorts as { periodStart: string; size: number; cells: { age: number; logoRetention: number; cumulativeRevenuePerCustomer: number }[] }[];
    expect(cohorts.length).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=cohorts] tbody tr').count()).toBe(cohorts.length);
    const cell = (c: string, age: number) => `[data-testid=cohorts] tr[data-cohort="${c}"] td[data-age="${age}"]`;
    for (const c of cohorts) {
      expect(await text(page, `[data-testid=cohorts] tr[data-cohort="${c.periodStart}"] td[data-field=size]`)).toBe(formatCount(c.size));
      for (const x of c.cells) expect(await text(page, cell(c.periodStart, x.age))).toBe(formatValue(x.logoRetention, 'PERCENT', currency));
    }
    // Age 0 is the cohort itself: every customer of it is active.
    expect(cohorts.every((c) => c.cells[0]?.age === 0 && c.cells[0].logoRetention === 1)).toBe(true);
    await axe(page, 'cohorts');
    await page.getByRole('heading', { level: 2, name: 'Cohorts' }).evaluate((el) => el.scrollIntoView());
    await screenshot(page, shot);
    // Another measure: cumulative revenue per customer.
    await page.getByLabel('Show').selectOption('cumulativeRevenuePerCustomer');
    const oldest = cohorts[0];
    const last = oldest.cells[oldest.cells.length - 1];
    expect(await text(page, cell(oldest.periodStart, last.age))).toBe(formatValue(last.cumulativeRevenuePerCustomer, 'CURRENCY', currency));
    await context.close();
  });
});
