/**
 * Prints the KPI matrix of a workspace as a table — the way a partner developer would start:
 *   npm run example:kpi-matrix -- --url http://localhost:4000/graphql --key jg_… [--from 2025-01-01 --to 2025-12-31]
 * By default the last four quarters that have ended (the table shows the last of them).
 * Types come from GraphQL Code Generator (`npm run codegen`), so a schema change that breaks this script fails `tsc`.
 */
import { parseArgs } from 'node:util';
import { EXAMPLE_KPIS, fetchKpiMatrix, formatKpiMatrix, lastFourQuarters } from './kpi-matrix-client';

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
  const range = lastFourQuarters();
  const { kpiMatrix } = await fetchKpiMatrix(values.url!, values.key, {
    kpis: EXAMPLE_KPIS,
    period: { grain: 'QUARTER', from: values.from ?? range.from, to: values.to ?? range.to },
    rows: 'TIER',
  });
  console.log(formatKpiMatrix(kpiMatrix));
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
