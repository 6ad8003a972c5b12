import type { TestServer } from './test-server';

export const METRIC_FIELDS = 'id key name level indicatorKind unit direction source kpi phase { key } owner { name }';

export const CREATE_METRIC = `mutation($input: CreateMetricInput!) { createMetric(input: $input) { ${METRIC_FIELDS} } }`;
export const LINK = `mutation($input: MetricLinkInput!) { linkMetrics(input: $input) { weight child { key } parent { key } } }`;
export const RECORD_METRIC_VALUES = `mutation($rows: [MetricValueRowInput!]!) { recordMetricValues(rows: $rows) { inserted updated unchanged } }`;
export const UPSERT_TARGETS = `mutation($rows: [TargetRowInput!]!) { upsertTargets(rows: $rows) { inserted updated unchanged } }`;
export const APPROVE_TARGETS = `mutation($ids: [ID!], $keys: [TargetKeyInput!]) {
  approveTargets(ids: $ids, keys: $keys) { id kpi metric { key } grain periodStart periodEnd tier value status approvedAt approvedBy }
}`;

/** Sends a mutation and fails the test with the server's errors when it is refused. */
export async function must<T = Record<string, any>>(server: TestServer, key: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await server.gql<T>(query, variables, key);
  if (res.errors) throw new Error(`refused: ${JSON.stringify(res.errors).slice(0, 2000)}`);
  return res.data!;
}

export interface MetricSpec {
  key: string;
  level: 'OUTCOME' | 'OUTPUT' | 'ACTIVITY';
  direction?: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
  kpi?: string;
  unit?: string;
  phaseId?: string;
  ownerId?: string;
}

/** An OBSERVED metric (COUNT, higher is better unless said), or a KPI-source one when `kpi` is given. */
export function createMetric(server: TestServer, key: string, spec: MetricSpec) {
  const input = spec.kpi
    ? { key: spec.key, name: spec.key, level: spec.level, indicatorKind: 'TRAILING', source: 'KPI', kpi: spec.kpi, phaseId: spec.phaseId, ownerId: spec.ownerId }
    : {
        key: spec.key,
        name: spec.key,
        level: spec.level,
        indicatorKind: 'LEADING',
        source: 'OBSERVED',
        unit: spec.unit ?? 'COUNT',
        direction: spec.direction ?? 'HIGHER_IS_BETTER',
        phaseId: spec.phaseId,
        ownerId: spec.ownerId,
      };
  return must(server, key, CREATE_METRIC, { input });
}

export function link(server: TestServer, key: string, child: string, parent: string, weight?: number) {
  return must(server, key, LINK, { input: { child, parent, weight } });
}

/** Values of one OBSERVED metric by month (first days), no tier. */
export function recordMonthly(server: TestServer, key: string, metric: string, months: Record<string, number>, tier?: string) {
  return must(server, key, RECORD_METRIC_VALUES, {
    rows: Object.entries(months).map(([periodStart, value]) => ({ metric, grain: 'MONTH', periodStart, value, tier })),
  });
}

/** Drafts targets with an EDITOR-capable key and approves them with a FINANCE-capable one (an ADMIN key does both). */
export async function approvedTargets(server: TestServer, editorKey: string, financeKey: string, rows: Record<string, unknown>[]) {
  await must(server, editorKey, UPSERT_TARGETS, { rows });
  const keys = rows.map(({ value: _value, ...key }) => key);
  return must(server, financeKey, APPROVE_TARGETS, { keys });
}
