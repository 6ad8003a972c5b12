/**
 * Prints the KPI matrix of a workspace as a table — the way a partner developer would start:
 *   npm run example:kpi-matrix -- --url http://localhost:4000/graphql --key jg_… [--from 2025-01-01 --to 2025-12-31]
 * Types come from GraphQL Code Generator (`npm run codegen`), so a schema change that breaks this script fails `tsc`.
 */
import { parseArgs } from 'node:util';
import { fetchKpiMatrix, formatKpiMatrix } from './kpi-matrix-client';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: process.env.JOURNEYGRAPH_URL ?? 'http://localhost:4000/graphql' },
      key: { type: 'string', default: process.env.JOURNEYGRAPH_KEY },
      from: { type: 'string' },
      to: { type: 'string' },
    },
  });
  if (!values.key) throw new Error('Give an API key: --key jg_… (the VIEWER key npm start printed) or JOURNEYGRAPH_KEY.');
  const today = new Date();
  const to = values.to ?? today.toISOString().slice(0, 10);
  const from = values.from ?? `${today.getUTCFullYear() - 1}-${String(today.getUTCMonth() + 1).padStart(2, '0')}-01`;
  const { kpiMatrix } = await fetchKpiMatrix(values.url!, values.key, {
    kpis: ['ACTIVE_CUSTOMERS', 'MRR', 'NRR', 'GRR', 'LOGO_CHURN_RATE', 'ARPA'],
    period: { grain: 'QUARTER', from, to },
    rows: 'TIER',
  });
  console.log(formatKpiMatrix(kpiMatrix));
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
