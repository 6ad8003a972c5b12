/**
 * The server's memory under a long mixed load: its RSS sampled once a minute while autocannon sends a mix of the
 * nested journey query, the KPI matrix, the customers list, the metric chain and small idempotent ingestion batches.
 *   npm run build && node scripts/run.cjs scripts/soak.js [--minutes 10] [--connections 10]
 * The server runs as its own process (node dist/src/main.js) on a scratch database (DATABASE_URL's server, or an
 * embedded cluster), so the load generator does not share its heap.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { scratchDatabase } from './scratch-database';
import { freePort } from './free-port';

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

const CUSTOMERS = 400;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' } } });
  const minutes = Number(values.minutes);
  const database = await scratchDatabase();
  const port = await freePort();
  const server = spawn(process.execPath, [path.join(__dirname, '..', 'src', 'main.js')], {
    env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), HOST: '127.0.0.1', DEMO_WORKSPACE: 'true', RATE_LIMIT_REQUESTS: '0', RATE_LIMIT_ROWS: '0', LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  server.stdout.on('data', (d) => (out += d));
  try {
    const started = Date.now();
    while (!/ADMIN key:\s+(\S+)/.test(out)) {
      if (Date.now() - started > 120_000) throw new Error(`the server did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const adminKey = /ADMIN key:\s+(\S+)/.exec(out)![1];
    const url = `http://127.0.0.1:${port}/graphql`;
    const post = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { errors?: unknown };
      if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
      return body;
    };
    const tiers = ['strategic', 'enterprise', 'growth', 'scale'];
    const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({
      externalId: `soak-${i}`, name: `Soak ${i}`, tier: tiers[i % 4], segment: 'SMB', region: 'EMEA', country: 'DE', channel: 'DIRECT',
    }));
    await post(`mutation($rows: [CustomerRowInput!]!) { upsertCustomers(rows: $rows) { inserted } }`, { rows: customers });
    const months = Array.from({ length: 12 }, (_, m) => `2025-${String(m + 1).padStart(2, '0')}-01`);
    await post(`mutation($rows: [RevenueRowInput!]!) { recordRevenue(rows: $rows) { inserted } }`, {
      rows: customers.flatMap((c, i) => months.filter((_, m) => (i * 7 + m) % 13 !== 0).map((month) => ({ customer: c.externalId, month, type: 'RECURRING', amount: 100 + (i % 50) }))),
    });

    const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
    const batch = customers.slice(0, 50).map((c) => ({ customer: c.externalId, month: '2025-12-01', type: 'SERVICES', amount: 10 }));
    const requests = [
      body(`{ journeys { name phases { key owner { name } processes { name } touchpoints { key } successMetrics { key } } } }`),
      body(`query($p: PeriodInput!) { kpiMatrix(metrics: [MRR, NRR, GRR, LOGO_CHURN_RATE], period: $p) { rows { key cells { kpi value } } } }`, { p: { grain: 'QUARTER', from: '2025-01-01', to: '2025-12-31' } }),
      body(`{ customers(first: 20) { totalCount edges { node { externalId mrr { amount } } } } }`),
      body(`query($p: PeriodInput!) { metricChain(period: $p) { nodes { metric { key } value chainScore signal } } }`, { p: { grain: 'MONTH', from: '2025-12-01', to: '2025-12-01' } }),
      body(`mutation($rows: [RevenueRowInput!]!) { recordRevenue(rows: $rows) { unchanged } }`, { rows: batch }),
    ];
    // Each request of the mix must succeed on its own before the load starts.
    for (const payload of requests) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` }, body: payload });
      if (res.status !== 200) throw new Error(`${res.status} for ${payload.slice(0, 120)}: ${(await res.text()).slice(0, 500)}`);
    }
    const samples: { minute: number; rssMb: number }[] = [{ minute: 0, rssMb: rssMb(server.pid!) }];
    const sampler = setInterval(() => samples.push({ minute: samples.length, rssMb: rssMb(server.pid!) }), 60_000);
    // One autocannon per kind of request, side by side: together they make the mix.
    const perKind = Math.max(1, Math.round(Number(values.connections) / requests.length));
    const results = await Promise.all(
      requests.map((payload) =>
        autocannon({
          url,
          method: 'POST',
          connections: perKind,
          duration: minutes * 60,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
          body: payload,
        }),
      ),
    );
    clearInterval(sampler);
    samples.push({ minute: minutes, rssMb: rssMb(server.pid!) });
    const first = samples[1]?.rssMb ?? samples[0].rssMb;
    const last = samples[samples.length - 1].rssMb;
    const report = {
      minutes,
      connections: perKind * requests.length,
      requests: results.reduce((n, r) => n + r.requests.total, 0),
      requestsPerSecond: Math.round(results.reduce((n, r) => n + r.requests.average, 0)),
      non2xx: results.reduce((n, r) => n + r.non2xx, 0),
      errors: results.reduce((n, r) => n + r.errors, 0),
      rssMbPerMinute: samples.map((s) => ({ minute: s.minute, rssMb: Math.round(s.rssMb) })),
      growthAfterFirstMinuteMb: Math.round(last - first),
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await database.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
