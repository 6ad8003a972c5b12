import { getNamedType, isListType, isNonNullType, isObjectType, isScalarType, type GraphQLField, type GraphQLInputType, type GraphQLObjectType } from 'graphql';
import { buildAppSchema } from '../../../src/server/schema';
import { printPath, printTree, reachableFor, readersOf, roleTree, sampleOperations, type InputSlot, type SampleOperation, type TreeNode } from '../../helpers/schema-walker';
import { startTestServer, type GraphQLResponse, type TestServer } from '../../helpers/test-server';
import { buildTenant, checksums, outsidePartner, scopedRows, wholeWorkspace, type RowScope, type TenantData } from '../../helpers/tenant-data';
import { appResolvers } from '../../../src/app.modules';

/**
 * Nothing crosses workspaces (or partners), proven for every root field of the schema, so that a field added later is covered
 * without editing this test.
 *
 * Workspace A's ADMIN key calls every query and every mutation with workspace B's values: every ID argument gets an id of B of
 * the kind its name suggests (`journeyId`, `updatePhase(id)`, `revokeApiKey(id)` …; any B id otherwise), every external id, key
 * and reference (`customer`, `partner`, `tier`, `phase`, `touchpoint`, `campaign`, `externalIds`, `key`, `search`) a value of B.
 * Each field is called twice: with its required arguments, and with the optional ones too. Then the same for a PARTNER key of
 * partner P1 against everything outside P1 in its own workspace (partner P2's and the direct customers, their facts).
 *
 * What proves isolation:
 * - No response contains anything of the victim that the request did not itself contain: none of its ids, none of its text values
 *   (each stamped with a unique token) and not even the tokens. An error that quotes back the id the caller sent is no leak.
 * - A field with an ID argument answers `NOT_FOUND` (a PARTNER key may also get `FORBIDDEN` from its role). A control call with the
 *   caller's own ids of the same kind answers without `NOT_FOUND`, so that the `NOT_FOUND` is the isolation, not a wrong kind of id.
 * - A field without ID arguments names the victim's objects by external id or key. Accepted: `NOT_FOUND`; `BAD_USER_INPUT` (the
 *   batch report names the victim's customer, tier, partner … as NOT_FOUND — "no such object in this workspace" — or a PARTNER
 *   key's row as FORBIDDEN); a deletion that deleted nothing and lists every key as `notFound`; or an upsert that wrote into the
 *   caller's own workspace under the same natural key (natural keys are per workspace). Never CONFLICT (that would tell the caller
 *   the victim's key exists) and never an internal error.
 * - A query without arguments naming the victim returns only the caller's objects: every id in its data is one of the caller's.
 * - The victim's rows are byte for byte unchanged afterwards: an md5 over every row of every table with a `workspace_id` column
 *   (found in information_schema, so new tables are covered) and over the workspace row.
 */

type Walked = SampleOperation & { optional: boolean };

let server: TestServer;
let schema: Awaited<ReturnType<typeof buildAppSchema>>;
/** Every root field twice: with its required arguments only, and with the optional ones too; selecting what `role` may read. */
const operationsFor = (role: string): Walked[] =>
  [false, true].flatMap((optional) => sampleOperations(schema, { id: '', optional, role }).map((op) => ({ ...op, optional })));
let operations: Walked[];
beforeAll(async () => {
  server = await startTestServer({ apiKeyCacheSeconds: 10 }); // with cached keys, as in production
  schema = await buildAppSchema(appResolvers);
  operations = operationsFor('ADMIN');
});
afterAll(() => server.close());

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const IS_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isIdType = (type: GraphQLInputType) => getNamedType(type).name === 'ID';
const isList = (type: GraphQLInputType) => isListType(isNonNullType(type) ? type.ofType : type);

/** What one side (victim or caller) offers the walker: ids by table, external ids and keys by table, and its tokens. */
interface Values {
  ids: Map<string, string[]>;
  externalIds: Map<string, string[]>;
  keys: Map<string, string[]>;
  revenueKeys: { customer: string; month: string; type: string }[];
  tokens: string[];
}

function valuesOf(rows: Record<string, Record<string, unknown>[]>, tokens: string[]): Values {
  const ids = new Map<string, string[]>();
  const externalIds = new Map<string, string[]>();
  const keys = new Map<string, string[]>();
  for (const [table, list] of Object.entries(rows)) {
    // API keys: a VIEWER key first, so that a control call never revokes the key that makes it.
    const sorted = table === 'api_key' ? [...list].sort((a) => (a.role === 'VIEWER' ? -1 : 1)) : list;
    // Values stamped with a token first: default tier keys such as "growth" exist in every workspace and prove nothing.
    const stamped = (value: string) => (tokens.some((t) => value.includes(t)) ? 0 : 1);
    const pick = (column: string) =>
      sorted
        .map((r) => r[column])
        .filter((v): v is string => typeof v === 'string')
        .sort((x, y) => stamped(x) - stamped(y));
    if (sorted.some((r) => 'id' in r)) ids.set(table, pick('id'));
    if (sorted.some((r) => 'external_id' in r)) externalIds.set(table, pick('external_id'));
    if (sorted.some((r) => 'key' in r)) keys.set(table, pick('key'));
  }
  const customerExt = new Map((rows.customer ?? []).map((c) => [c.id as string, c.external_id as string]));
  const revenueKeys = (rows.revenue ?? [])
    .filter((r) => customerExt.has(r.customer_id as string))
    .map((r) => ({ customer: customerExt.get(r.customer_id as string)!, month: String(r.month).slice(0, 10), type: r.type as string }));
  return { ids, externalIds, keys, revenueKeys, tokens };
}

/** Every id and every text value of the victim's rows that carries one of its tokens: none may appear in a response unasked. */
function markersOf(rows: Record<string, Record<string, unknown>[]>, tokens: string[], extraIds: string[]): string[] {
  const out = new Set<string>(extraIds);
  for (const list of Object.values(rows)) {
    for (const row of list) {
      if (typeof row.id === 'string') out.add(row.id.toLowerCase());
      for (const value of Object.values(row)) {
        for (const s of Array.isArray(value) ? value : [value]) if (typeof s === 'string' && tokens.some((t) => s.includes(t))) out.add(s);
      }
    }
  }
  return [...out].sort((a, b) => b.length - a.length);
}

// ---- inferring what an argument names

const normalize = (s: string) => s.toLowerCase().replace(/_/g, '');

/** The table an ID or reference slot most likely names: from its own name (`journeyId`, `customer`), else its field's name. */
function tableFor(slot: InputSlot, tables: string[], hint: string): string | undefined {
  const kinds = tables.map((t) => [normalize(t), t] as const).sort((a, b) => b[0].length - a[0].length);
  for (const candidate of [hint, slot.parent ?? '', slot.field]) {
    const name = normalize(candidate);
    if (!name) continue;
    const hit = kinds.find(([kind]) => name.includes(kind));
    if (hit) return hit[1];
  }
  return undefined;
}

let neutralCounter = 0;
const neutral = () => `neutral${process.pid}x${(neutralCounter += 1)}`;

/** The walker's fill-in: the given side's ids, external ids and keys where a slot names an object; neutral fresh values elsewhere. */
function fillWith(v: Values) {
  const idTables = [...v.ids.keys()];
  const anyId = v.ids.get('customer')?.[0] ?? [...v.ids.values()].flat()[0];
  const allExternal = [...v.externalIds.values()].flat();
  const allKeys = [...v.keys.values()].flat();
  const many = (slot: InputSlot, values: string[]) => (isList(slot.type) ? values : values[0]);
  return (slot: InputSlot): unknown => {
    const named = getNamedType(slot.type);
    if (named.name === 'RevenueKeyInput' && isList(slot.type)) return v.revenueKeys;
    if (!isScalarType(named)) return undefined;
    // Counts with a valid range of their own: a sample that is out of range proves nothing.
    if (named.name === 'Int' && slot.name === 'evidencePeriods') return 8;
    if (named.name === 'ID') {
      const table = tableFor(slot, idTables, slot.name.replace(/Ids?$/, ''));
      return many(slot, (table && v.ids.get(table)) || [anyId]);
    }
    if (named.name !== 'String') return undefined;
    const name = slot.name;
    if (name === 'search') return many(slot, v.tokens);
    if (name === 'after' || name === 'before') return null;
    if (name === 'externalId' || name === 'externalIds') {
      const table = tableFor(slot, [...v.externalIds.keys()], slot.parent === 'NamedRowInput' ? slot.field : '');
      return many(slot, (table && slot.parent !== null && v.externalIds.get(table)) || (slot.parent === null && table && v.externalIds.get(table)) || allExternal);
    }
    if (name === 'key' || name === 'keys') {
      const table = tableFor(slot, [...v.keys.keys()], '');
      return many(slot, (table && v.keys.get(table)) || allKeys);
    }
    const reference: Record<string, [Map<string, string[]>, string]> = {
      customer: [v.externalIds, 'customer'],
      partner: [v.externalIds, 'partner'],
      campaign: [v.externalIds, 'campaign'],
      acquisitionCampaign: [v.externalIds, 'campaign'],
      tier: [v.keys, 'tier'],
      phase: [v.keys, 'phase'],
      touchpoint: [v.keys, 'touchpoint'],
      order: [v.externalIds, 'order'],
    };
    if (reference[name]) return many(slot, reference[name][0].get(reference[name][1]) ?? allExternal);
    if (/metric|rootKey/i.test(name)) return many(slot, v.keys.get('metric') ?? allKeys);
    if (name === 'email') return many(slot, [`${neutral()}@example.com`]);
    if (name === 'country') return many(slot, ['DE']);
    if (name === 'keyPrefix') return `${neutral()}_`;
    return many(slot, [neutral()]);
  };
}

/** An operation's variables filled with one side's values (the walker makes the shape, the fill-in the values). */
function fillOperation(op: Walked, v: Values): Record<string, unknown> {
  const again = sampleOperations(schema, { id: '', optional: op.optional, fill: fillWith(v) });
  return again.find((o) => o.kind === op.kind && o.field === op.field)!.variables;
}

/** The uuids among a side's rows. */
function uuidsOf(rows: Record<string, Record<string, unknown>[]>): Set<string> {
  return new Set((JSON.stringify(rows).match(UUID) ?? []).map((id) => id.toLowerCase()));
}

// ---- checks on one response

/** What of the victim a response shows that its request did not contain. */
function leaksIn(res: GraphQLResponse, request: string, markers: string[], tokens: string[]): string[] {
  let text = JSON.stringify({ data: res.data, errors: res.errors });
  for (const m of markers) if (request.includes(m)) text = text.split(m).join('');
  const lowered = text.toLowerCase();
  const found = markers.filter((m) => (IS_UUID.test(m) ? lowered.includes(m) : text.includes(m)));
  for (const t of tokens) if (text.includes(t)) found.push(`token ${t}`);
  return found;
}

function outcomeOf(res: GraphQLResponse): string {
  if (!res.errors?.length) {
    const value = res.data ? Object.values(res.data)[0] : null;
    if (value && typeof value === 'object' && 'deleted' in value) return `ok deleted=${(value as { deleted: number }).deleted}`;
    if (value && typeof value === 'object' && 'inserted' in value) return 'ok upserted in own workspace';
    return 'ok';
  }
  const error = res.errors[0];
  const rows = (error.extensions.rows ?? []) as { reason: string }[];
  const reasons = [...new Set(rows.map((r) => r.reason))].sort();
  return reasons.length ? `${error.extensions.code} rows:${reasons.join(',')}` : error.extensions.code;
}

const hasIdArg = (op: Walked) => op.args.some((a) => isIdType(a.type));
/** The call sends an ID: a required ID argument, or an optional one in the walk with optional arguments. */
const sendsId = (op: Walked) => op.args.some((a) => isIdType(a.type) && (op.optional || isNonNullType(a.type)));
const destructive = (op: Walked) => /^(remove|delete|revoke)/.test(op.field);

/**
 * Control calls run the destructive ones last, and among those the ones whose kind has the most rows first: children (touchpoints,
 * processes) before their parents (phases, journeys), so that deleting a parent does not take a later control's object with it.
 */
function controlOrder(own: Values) {
  const rank = (op: Walked) => {
    if (!destructive(op)) return 0;
    const idArg = op.args.find((a) => isIdType(a.type))!;
    const table = tableFor({ kind: op.kind, field: op.field, path: [idArg.name], name: idArg.name, parent: null, type: idArg.type }, [...own.ids.keys()], idArg.name.replace(/Ids?$/, ''));
    return 1_000_000 - (own.ids.get(table ?? '')?.length ?? 0);
  };
  return (a: Walked, b: Walked) => rank(a) - rank(b);
}

interface WalkResult {
  outcomes: Map<string, Set<string>>;
  problems: string[];
  calls: number;
}

/**
 * Calls every operation with the victim's values using `key`, then (for operations with an ID argument) once more with the
 * caller's own values as a control. `allowed(op, outcome)` says which outcomes prove isolation for this caller.
 */
async function walk(opts: {
  key: string;
  /** The caller's role: the nested fields selected are those it may read. */
  role: string;
  victim: Values;
  own: Values;
  markers: string[];
  ownIds: () => Promise<Set<string>>;
  allowed: (op: Walked, outcome: string) => boolean;
}): Promise<WalkResult> {
  const outcomes = new Map<string, Set<string>>();
  const problems: string[] = [];
  let calls = 0;
  let ownIds = await opts.ownIds();
  const operations = operationsFor(opts.role);
  // Queries, then deletions (before any upsert below could make a row under the victim's natural key in the caller's workspace).
  const phase = (op: Walked) => (op.kind === 'query' ? 0 : destructive(op) ? 1 : 2);
  const ordered = [...operations].sort((a, b) => phase(a) - phase(b));

  for (const op of ordered) {
    const optional = op.optional;
    const variables = fillOperation(op, opts.victim);
    const request = JSON.stringify({ query: op.query, variables });
    const res = await server.gql(op.query, variables, opts.key);
    calls += 1;
    const label = `${op.kind} ${op.field}${optional ? ' (all args)' : ''}`;
    const outcome = outcomeOf(res);
    if (!outcomes.has(`${op.kind} ${op.field}`)) outcomes.set(`${op.kind} ${op.field}`, new Set());
    outcomes.get(`${op.kind} ${op.field}`)!.add(outcome);

    if (res.status >= 500) problems.push(`${label}: HTTP ${res.status}`);
    const leaks = leaksIn(res, request, opts.markers, opts.victim.tokens);
    if (leaks.length) problems.push(`${label} returned the victim's ${leaks.slice(0, 5).join(', ')}: ${JSON.stringify(res).slice(0, 400)}`);
    if (!opts.allowed(op, outcome)) problems.push(`${label}: outcome ${outcome} does not prove isolation: ${JSON.stringify(res.errors ?? res.data).slice(0, 400)}`);
    if (outcome.startsWith('ok deleted=') && outcome !== 'ok deleted=0') problems.push(`${label} deleted something: ${outcome}`);

    // Without a victim value to look up, a field answers with the caller's own objects only.
    const named = JSON.stringify(variables);
    const namesVictim = opts.markers.some((m) => named.includes(m)) || opts.victim.tokens.some((t) => named.includes(t));
    // kpiMatrix takes one of two optional lists (kpis or metricKeys): with required arguments only it is refused by design.
    const oneOfRefused = !optional && op.field === 'kpiMatrix' && outcome === 'BAD_USER_INPUT';
    if (!namesVictim && op.kind === 'query' && res.errors && outcome !== 'FORBIDDEN' && !oneOfRefused) {
      problems.push(`${label} failed without naming the victim: ${JSON.stringify(res.errors)}`);
    }
    const dataIds = (JSON.stringify(res.data ?? null).match(UUID) ?? []).map((id) => id.toLowerCase());
    if (dataIds.some((id) => !ownIds.has(id))) ownIds = await opts.ownIds(); // a mutation may just have made one
    const strangers = dataIds.filter((id) => !ownIds.has(id) && !request.toLowerCase().includes(id));
    if (strangers.length) problems.push(`${label} returned ids that are not the caller's: ${strangers.join(', ')}`);
  }

  // Controls: the same ID-taking operations with the caller's own ids are not NOT_FOUND.
  const controls = operations
    .filter((op) => op.optional && hasIdArg(op))
    .sort(controlOrder(opts.own));
  for (const op of controls) {
    const res = await server.gql(op.query, fillOperation(op, opts.own), opts.key);
    calls += 1;
    const outcome = outcomeOf(res);
    if (outcome.startsWith('NOT_FOUND') || outcome.includes('INTERNAL') || res.status >= 500) {
      problems.push(`control ${op.kind} ${op.field} with the caller's own ids: ${outcome} ${JSON.stringify(res.errors)}`);
    }
    if (op.kind === 'query' && res.errors && !outcome.startsWith('FORBIDDEN')) {
      problems.push(`control query ${op.field} with the caller's own ids failed: ${JSON.stringify(res.errors)}`);
    }
  }
  return { outcomes, problems, calls };
}

async function snapshot(t: TenantData, scope: RowScope, extra: string | null, tokens: string[]) {
  const rows = await scopedRows(server.dataSource, t.workspaceId, scope, extra);
  return { rows, values: valuesOf(rows, tokens) };
}

function report(title: string, result: WalkResult) {
  const lines = [...result.outcomes].map(([field, set]) => `  ${field}: ${[...set].join(' | ')}`);
  console.log(`${title}: ${result.calls} calls\n${lines.join('\n')}`);
}

describe('nothing crosses workspaces, for every field of the schema', () => {
  it("workspace A's ADMIN key with B's ids, external ids and keys: nothing of B returned, nothing of B changed", async () => {
    const a = await buildTenant(server, 'a');
    const b = await buildTenant(server, 'b');
    const bTokens = Object.values(b.tokens);
    const bSide = await snapshot(b, wholeWorkspace, null, bTokens);
    const aSide = await snapshot(a, wholeWorkspace, null, Object.values(a.tokens));
    const markers = markersOf(bSide.rows, bTokens, [b.workspaceId]);
    expect(markers.length).toBeGreaterThan(100);
    // The fill-ins really are B's: one of each kind the schema names today.
    for (const table of ['journey', 'phase', 'process', 'touchpoint', 'owner', 'customer', 'api_key', 'tier', 'partner', 'campaign']) {
      expect(bSide.values.ids.get(table)?.length).toBeGreaterThan(0);
    }
    await new Promise((resolve) => setTimeout(resolve, 200)); // B's key's last-used stamp is written after the response
    const before = await checksums(server.dataSource, b.workspaceId);

    const result = await walk({
      key: a.adminKey,
      role: 'ADMIN',
      victim: bSide.values,
      own: aSide.values,
      markers,
      ownIds: async () => uuidsOf(await scopedRows(server.dataSource, a.workspaceId, wholeWorkspace)).add(a.workspaceId),
      allowed: (op, outcome) => {
        if (sendsId(op)) return outcome === 'NOT_FOUND';
        return outcome === 'NOT_FOUND' || outcome.startsWith('BAD_USER_INPUT') || outcome.startsWith('ok');
      },
    });
    report("A's ADMIN key against B", result);
    expect(result.problems).toEqual([]);

    // Every root field was called, with B's values.
    const fields = new Set(operations.map((o) => `${o.kind} ${o.field}`));
    expect(new Set(result.outcomes.keys())).toEqual(fields);
    expect(await checksums(server.dataSource, b.workspaceId)).toEqual(before);
  });

  it("a PARTNER key of P1 with P2's (and direct) customers and facts: none returned, none changed", async () => {
    const w = await buildTenant(server, 'p');
    const victimTokens = [w.tokens.p2, w.tokens.direct];
    const victim = await snapshot(w, outsidePartner, w.partnerIds.p1, victimTokens);
    const own = await snapshot(w, wholeWorkspace, null, [w.tokens.p1]);
    // The victim's customers and facts only (workspace-level objects such as journeys are the partner's to read).
    const victimFacts: Record<string, Record<string, unknown>[]> = {};
    for (const [table, list] of Object.entries(victim.rows)) {
      if (['customer', 'partner', 'revenue', 'cost', 'invoice', 'survey', 'event', 'order', 'refund'].includes(table)) {
        victimFacts[table] = table === 'partner' ? list.filter((p) => p.id !== w.partnerIds.p1) : list;
      }
    }
    const markers = markersOf(victimFacts, victimTokens, []);
    expect(victim.values.externalIds.get('customer')).toEqual(expect.arrayContaining([`${w.tokens.p2}-c1`, `${w.tokens.direct}-c1`]));
    // Fill-ins: P2's customers first, so that `customer(id)` and friends name a customer of the other partner.
    const p2Customers = (victim.rows.customer ?? []).filter((c) => c.partner_id === w.partnerIds.p2);
    victim.values.ids.set('customer', p2Customers.map((c) => c.id as string));
    victim.values.externalIds.set('customer', p2Customers.map((c) => c.external_id as string));
    victim.values.externalIds.set('partner', [`${w.tokens.p2}-partner`]);
    const ownValues = valuesOf(own.rows, [w.tokens.p1]);
    const p1Customers = (own.rows.customer ?? []).filter((c) => c.partner_id === w.partnerIds.p1);
    ownValues.ids.set('customer', p1Customers.map((c) => c.id as string));
    ownValues.externalIds.set('customer', p1Customers.map((c) => c.external_id as string));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const before = await checksums(server.dataSource, w.workspaceId, outsidePartner, w.partnerIds.p1);

    const result = await walk({
      key: w.p1Key,
      role: 'PARTNER',
      victim: victim.values,
      own: ownValues,
      markers,
      ownIds: async () => {
        const ids = uuidsOf(await scopedRows(server.dataSource, w.workspaceId, wholeWorkspace)).add(w.workspaceId);
        for (const m of markers) ids.delete(m);
        return ids;
      },
      allowed: (op, outcome) => {
        if (outcome === 'FORBIDDEN') return true;
        if (sendsId(op)) return outcome === 'NOT_FOUND';
        return outcome === 'NOT_FOUND' || outcome.startsWith('BAD_USER_INPUT') || outcome.startsWith('ok');
      },
    });
    report("P1's PARTNER key against P2 and the direct customers", result);
    expect(result.problems).toEqual([]);
    expect(await checksums(server.dataSource, w.workspaceId, outsidePartner, w.partnerIds.p1)).toEqual(before);
  });
});

// ---- every field answers only the roles it names, wherever it is reached

/**
 * Authorization per field, deny by default (src/server/read-access.ts): for every role, every root field it may call is walked
 * along every path — each object type expanded once per path, a type already on the path selected with its scalars, so that
 * every edge of the graph is walked, cycles included — selecting every field the role may read; the answer has no error, and every
 * field the role may read is answered somewhere. Then, at every place in those answers where an object stands, each of its fields
 * the role may NOT read is asked for alone: FORBIDDEN, at that field. Root fields the role may not call answer FORBIDDEN too, and
 * change nothing. (Types that only mutations return — CreatedApiKey, CustomerErasure, FactDeletion, MetricDeletion,
 * IngestionResult — hold scalars or ADMIN-only types; that each mutation's roles may read its type is checked when the schema
 * is built.)
 */
const ROLES = ['ADMIN', 'EDITOR', 'FINANCE', 'VIEWER', 'INGEST', 'PARTNER'] as const;

/** The partner portal: all a PARTNER key can reach. Never owners, journeys, processes, metrics, targets or scorecards. */
const PARTNER_REACHES = [
  'Campaign', 'Cohort', 'CohortCell', 'Cost', 'Customer', 'CustomerConnection', 'CustomerEdge', 'CustomerEquityPoint', 'CustomerEquitySeries', 'CustomerErasure', 'CustomerSegment',
  'Event', 'FactDeletion', 'IngestionResult', 'Invoice', 'KpiGroup', 'KpiMatrix', 'KpiMatrixCell', 'KpiMatrixColumn', 'KpiMatrixRow',
  'KpiCustomer', 'KpiCustomerConnection', 'KpiCustomerEdge', 'KpiDefinition', 'KpiPeriod', 'KpiPoint', 'KpiSeries', 'MrrPoint', 'Order', 'PageInfo', 'Partner', 'Phase', 'PhaseEntry', 'Refund', 'Revenue', 'Survey', 'Tier',
  'Touchpoint', 'Viewer', 'Workspace',
];
/** A pipeline's INGEST key: its facts and what they name, no KPI (the KPI catalogue's definitions aside), nothing of the journey map beyond keys and names. */
const INGEST_REACHES = PARTNER_REACHES.filter((t) => (!t.startsWith('Kpi') && !t.startsWith('CustomerEquity') && !t.startsWith('Cohort')) || t === 'KpiDefinition');

const PERIOD = '{ grain: MONTH, from: "2025-01-01", to: "2025-02-01" }';

describe('every field answers only the roles it names, wherever it is reached', () => {
  let roleServer: TestServer;
  beforeAll(async () => {
    roleServer = await startTestServer({ limits: { maxDepth: 60, maxCost: 1e12, maxTokens: 200_000, maxAliases: 1000 } });
  });
  afterAll(() => roleServer.close());

  it('states the partner portal and the ingestion pipeline exactly', () => {
    expect([...reachableFor(schema, 'PARTNER').types].sort()).toEqual([...PARTNER_REACHES].sort());
    expect([...reachableFor(schema, 'INGEST').types].sort()).toEqual([...INGEST_REACHES].sort());
    const fieldsOf = (type: string, role: string) =>
      Object.values((schema.getType(type) as GraphQLObjectType).getFields()).filter((f) => readersOf(f).includes(role)).map((f) => f.name).sort();
    for (const role of ['PARTNER', 'INGEST']) {
      expect(fieldsOf('Phase', role)).toEqual(['id', 'key', 'name', 'position']);
      expect(fieldsOf('Touchpoint', role)).toEqual(['channel', 'id', 'key', 'mode', 'name']);
    }
    for (const role of ['EDITOR', 'FINANCE', 'VIEWER']) {
      expect([...reachableFor(schema, role, ['Query']).types].filter((t) => t.includes('ApiKey'))).toEqual([]);
    }
  });

  it('walks every path from every root field for every role: readable fields answer, the others are FORBIDDEN wherever reached', async () => {
    const t = await buildTenant(roleServer, 'r');
    const keys: Record<string, string> = { ADMIN: t.adminKey, PARTNER: t.p1Key };
    for (const role of ['EDITOR', 'FINANCE', 'VIEWER', 'INGEST']) keys[role] = await roleServer.key(t.adminKey, role);
    const one = async (sql: string) => ((await roleServer.dataSource.query(sql, [t.workspaceId])) as { v: string }[])[0].v;
    // Every id and key a root field asks for: the tenant's own, and for customers one of P1's (readable by every role).
    const values: Record<string, string> = {
      'Query.customer.id': await one(`SELECT id::text AS v FROM customer WHERE workspace_id = $1 AND external_id = '${t.tokens.p1}-c1'`),
      'Query.customerByExternalId.externalId': `${t.tokens.p1}-c1`,
      'Query.journey.id': await one(`SELECT id::text AS v FROM journey WHERE workspace_id = $1`),
      'Query.phaseFunnel.journeyId': await one(`SELECT id::text AS v FROM journey WHERE workspace_id = $1`),
      'Query.phase.id': await one(`SELECT id::text AS v FROM phase WHERE workspace_id = $1 AND owner_id IS NOT NULL`),
      'Query.process.id': await one(`SELECT id::text AS v FROM process WHERE workspace_id = $1`),
      'Query.touchpoint.id': await one(`SELECT id::text AS v FROM touchpoint WHERE workspace_id = $1 AND key LIKE '%\\_tp'`),
      'Query.owner.id': await one(`SELECT id::text AS v FROM owner WHERE workspace_id = $1`),
      'Query.metric.key': `${t.tokens.ws}_webinars`,
      // optional: a chain with a link, so that its edges and their evidence are walked too
      'Query.metricChain.rootKey': `${t.tokens.ws}_outcome`,
      // optional: the matrix needs at least one column (the KPI list below stands in for the value)
      'Query.kpiMatrix.kpis': 'MRR',
      'Query.cohorts.from': '2025-01-01',
      'Query.cohorts.to': '2025-02-01',
      'Query.kpiCustomers.periodStart': '2025-01-01',
    };
    const argsFor = (parent: string, field: GraphQLField<unknown, unknown>): string | null => {
      const parts: string[] = [];
      for (const a of field.args) {
        const value = values[`${parent}.${field.name}.${a.name}`];
        if ((!isNonNullType(a.type) || a.defaultValue !== undefined) && value === undefined) continue;
        const named = getNamedType(a.type).name;
        if (named === 'PeriodInput') parts.push(`${a.name}: ${PERIOD}`);
        else if (named === 'KpiKey') parts.push(`${a.name}: [MRR, ACTIVE_CUSTOMERS, CUSTOMER_EQUITY]`);
        else if (named === 'ImpactOutcome') parts.push(`${a.name}: NEXT_PERIOD_CHURNED`);
        else if (named === 'Grain') parts.push(`${a.name}: MONTH`);
        else if (named === 'CustomerSet') parts.push(`${a.name}: ACTIVE`);
        else if (value !== undefined) parts.push(`${a.name}: ${JSON.stringify(value)}`);
        else throw new Error(`no value for the argument ${parent}.${field.name}(${a.name}): add one to the walk`);
      }
      return parts.length ? `(${parts.join(', ')})` : '';
    };
    await new Promise((resolve) => setTimeout(resolve, 200));
    const noKeys: RowScope = (table) => (table === 'api_key' ? null : 'TRUE'); // keys' last-used stamps move as they are used
    const before = await checksums(roleServer.dataSource, t.workspaceId, noKeys);

    const problems: string[] = [];
    const summary: string[] = [];
    for (const role of ROLES) {
      const key = keys[role];
      const answered = new Set<string>();
      const forbidden = new Set<string>();
      const positions = new Map<string, { type: string; path: TreeNode[] }>();
      const visit = (node: TreeNode, value: unknown, path: TreeNode[]) => {
        if (value === null || value === undefined || !node.object) return;
        if (Array.isArray(value)) return value.forEach((v) => visit(node, v, path));
        const here = [...path, node];
        const id = here.map((n) => n.field).join('.');
        if (!positions.has(id)) positions.set(id, { type: node.type, path: here });
        for (const child of node.children) {
          if (!(child.field in (value as object))) continue;
          answered.add(`${node.type}.${child.field}`);
          visit(child, (value as Record<string, unknown>)[child.field], here);
        }
      };

      // 1. Root fields: those the role may call are walked whole; the others answer FORBIDDEN and change nothing.
      let treeFields = 0;
      for (const kind of ['Query', 'Mutation'] as const) {
        const rootType = kind === 'Query' ? schema.getQueryType()! : schema.getMutationType()!;
        for (const field of Object.values(rootType.getFields())) {
          if (!readersOf(field).includes(role)) {
            const op = sampleOperations(schema, { id: '00000000-0000-4000-8000-000000000000' }).find((o) => o.kind === kind.toLowerCase() && o.field === field.name)!;
            const query = op.query.replace(/ \{ __typename[^]*\}$/, isObjectType(getNamedType(field.type)) ? ' { __typename } }' : ' }');
            const res = await roleServer.gql(query, op.variables, key);
            if (res.errors?.[0]?.extensions.code !== 'FORBIDDEN' || res.errors.length !== 1) {
              problems.push(`${role} ${kind}.${field.name}: expected FORBIDDEN, got ${JSON.stringify(res.errors ?? res.data).slice(0, 300)}`);
            }
            continue;
          }
          if (kind === 'Mutation') continue; // mutations change data; their types' fields are covered through the queries
          const tree = roleTree(schema, 'Query', field.name, { role, argsFor });
          const count = (n: TreeNode): number => 1 + n.children.reduce((sum, c) => sum + count(c), 0);
          treeFields += count(tree);
          const res = await roleServer.gql(`{ ${printTree(tree)} }`, {}, key);
          if (res.errors || res.status !== 200) {
            problems.push(`${role} Query.${field.name}: ${res.status} ${JSON.stringify(res.errors).slice(0, 500)}`);
            continue;
          }
          answered.add(`Query.${field.name}`);
          visit(tree, res.data![field.name], []);
        }
      }

      // 2. Wherever an object stands in those answers, each of its fields the role may not read answers FORBIDDEN there.
      let probes = 0;
      for (const { type, path } of positions.values()) {
        for (const field of Object.values((schema.getType(type) as GraphQLObjectType).getFields())) {
          if (readersOf(field).includes(role)) continue;
          const args = argsFor(type, field);
          const leaf = `${field.name}${args}${isObjectType(getNamedType(field.type)) ? ' { __typename }' : ''}`;
          const res = await roleServer.gql(printPath(path, leaf), {}, key);
          probes += 1;
          const codes = (res.errors ?? []).map((e) => e.extensions.code);
          const atField = (res.errors ?? []).every((e) => e.path?.[e.path.length - 1] === field.name);
          if (!codes.length || codes.some((c) => c !== 'FORBIDDEN') || !atField) {
            problems.push(`${role} ${path.map((n) => n.field).join('.')}.${field.name}: expected FORBIDDEN there, got ${JSON.stringify(res.errors ?? res.data).slice(0, 300)}`);
          } else {
            forbidden.add(`${type}.${field.name}`);
          }
        }
      }

      // 3. Every field the role may read, on every type it can reach from the queries, was answered; every other one refused.
      const expected = reachableFor(schema, role, ['Query']);
      const unanswered = [...expected.readable].filter((f) => !answered.has(f) && !f.startsWith('Query.'));
      const unprobed = [...expected.denied].filter((f) => !forbidden.has(f) && !f.startsWith('Query.') && !f.startsWith('Mutation.'));
      if (unanswered.length) problems.push(`${role}: never answered (add data to the tenant?): ${unanswered.join(', ')}`);
      if (unprobed.length) problems.push(`${role}: never asked where reached: ${unprobed.join(', ')}`);
      summary.push(`  ${role}: ${treeFields} fields selected, ${answered.size} readable fields answered, ${probes} FORBIDDEN probes at ${positions.size} places`);
    }
    console.log(`every role, every path:\n${summary.join('\n')}`);
    expect(problems).toEqual([]);
    expect(await checksums(roleServer.dataSource, t.workspaceId, noKeys)).toEqual(before);
  }, 600_000);
});
