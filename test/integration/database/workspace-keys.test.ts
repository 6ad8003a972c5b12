import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { startTestServer, type TestServer } from '../../helpers/test-server';

/**
 * Ready to be distributed by workspace (docs/operations.md, "Distributing by workspace"): read from the PostgreSQL catalog of
 * the migrated test database, every key of a workspace-owned table holds workspace_id, and the database itself refuses a row
 * that points at another workspace's row.
 *
 * A table is workspace-owned when it has a workspace_id column: a table added later is covered without being named here. Every
 * other table must be one of the exceptions below, each with its reason.
 */
const NOT_WORKSPACE_OWNED: Record<string, string> = {
  workspace: 'the distribution root: its id is the workspace_id of every other row (distributed by id, colocated with them)',
  migrations: "TypeORM's record of the migrations applied; no workspace's data (stays a local table of the coordinator)",
};

interface KeyRow {
  table: string;
  name: string;
  kind: 'PRIMARY KEY' | 'UNIQUE' | 'UNIQUE INDEX' | 'FOREIGN KEY';
  definition: string;
  columns: string[];
  referenced: string | null;
  referencedColumns: string[];
  onDelete: string | null;
}

let server: TestServer;
let client: Client;
beforeAll(async () => {
  server = await startTestServer();
  client = new Client({ connectionString: process.env.JG_TEST_DATABASE_URL });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await server.close();
});

async function tablesOfSchema(): Promise<{ table: string; owned: boolean }[]> {
  const { rows } = await client.query<{ table: string; owned: boolean }>(
    `SELECT c.relname AS table,
            EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'workspace_id' AND NOT a.attisdropped) AS owned
       FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  );
  return rows;
}

/** Every primary key, unique constraint, unique index (with expressions: its plain columns) and foreign key of the schema. */
async function keysOfSchema(): Promise<KeyRow[]> {
  const { rows } = await client.query<KeyRow>(
    `SELECT c.relname AS table, k.conname AS name,
            CASE k.contype WHEN 'p' THEN 'PRIMARY KEY' WHEN 'u' THEN 'UNIQUE' ELSE 'FOREIGN KEY' END AS kind,
            pg_get_constraintdef(k.oid) AS definition,
            ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.n) AS columns,
            r.relname AS referenced,
            ARRAY(SELECT a.attname::text FROM unnest(coalesce(k.confkey, '{}')) WITH ORDINALITY AS u(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum ORDER BY u.n) AS "referencedColumns",
            CASE k.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE'
                               WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END AS "onDelete"
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid LEFT JOIN pg_class r ON r.oid = k.confrelid
      WHERE k.connamespace = 'public'::regnamespace AND k.contype IN ('p', 'u', 'f')
     UNION ALL
     SELECT c.relname, ic.relname, 'UNIQUE INDEX', pg_get_indexdef(i.indexrelid),
            ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) AS u(attnum)
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.attnum),
            NULL, '{}', NULL
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
      WHERE c.relnamespace = 'public'::regnamespace AND i.indisunique
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u'))
      ORDER BY 1, 2`,
  );
  return rows;
}

/** What is wrong with one key of a workspace-owned table, for a database distributed by workspace_id; null when nothing. */
function problemOf(key: KeyRow, owned: Set<string>): string | null {
  if (key.kind !== 'FOREIGN KEY') return key.columns.includes('workspace_id') ? null : 'does not contain workspace_id';
  if (key.referenced === 'workspace') {
    return key.columns.length === 1 && key.columns[0] === 'workspace_id' && key.referencedColumns[0] === 'id'
      ? null
      : 'references workspace by something else than workspace_id -> workspace(id)';
  }
  if (!owned.has(key.referenced!)) return `references ${key.referenced}, which is neither workspace-owned nor the workspace table`;
  const at = key.columns.indexOf('workspace_id');
  if (at < 0 || key.referencedColumns[at] !== 'workspace_id') return 'does not match workspace_id to workspace_id';
  // Citus refuses SET NULL / SET DEFAULT on a foreign key that holds the distribution column, even with a column list.
  if (key.onDelete === 'SET NULL' || key.onDelete === 'SET DEFAULT') return `is ON DELETE ${key.onDelete} on a key that holds workspace_id`;
  return null;
}

describe('every key of a workspace-owned table holds workspace_id (the PostgreSQL catalog)', () => {
  it('every table is workspace-owned (has workspace_id) or a named exception', async () => {
    const tables = await tablesOfSchema();
    const strays = tables.filter((t) => !t.owned && !(t.table in NOT_WORKSPACE_OWNED)).map((t) => t.table);
    expect(strays).toEqual([]);
    // The exceptions are real tables, so that a stale entry does not hide anything.
    expect(Object.keys(NOT_WORKSPACE_OWNED).filter((name) => !tables.some((t) => t.table === name))).toEqual([]);
    // The tables of this version, by hand (a later table with workspace_id is covered by the checks below all the same).
    expect(tables.filter((t) => t.owned).map((t) => t.table)).toEqual(
      expect.arrayContaining(['api_key', 'campaign', 'cost', 'customer', 'event', 'invoice', 'journey', 'metric', 'metric_link',
        'metric_value', 'order', 'owner', 'partner', 'phase', 'process', 'refund', 'revenue', 'segment', 'survey', 'target', 'tier', 'touchpoint']),
    );
  });

  it('every primary key, unique constraint, unique index and foreign key of a workspace-owned table holds workspace_id', async () => {
    const tables = await tablesOfSchema();
    const owned = new Set(tables.filter((t) => t.owned).map((t) => t.table));
    const keys = (await keysOfSchema()).filter((k) => owned.has(k.table));
    const problems = keys.map((k) => ({ key: k, problem: problemOf(k, owned) })).filter((p) => p.problem !== null);
    expect(problems.map(({ key, problem }) => `${key.table}.${key.name} (${key.definition}) ${problem}`)).toEqual([]);
    // Every workspace-owned table has a primary key, with workspace_id first: (workspace_id, id) or a natural key.
    const primary = new Map(keys.filter((k) => k.kind === 'PRIMARY KEY').map((k) => [k.table, k.columns]));
    expect([...owned].filter((t) => primary.get(t)?.[0] !== 'workspace_id')).toEqual([]);
    console.log(
      `[catalog] ${owned.size} workspace-owned tables, ${keys.length} keys checked: ` +
        `${keys.filter((k) => k.kind === 'PRIMARY KEY').length} primary keys, ${keys.filter((k) => k.kind === 'UNIQUE').length} unique constraints, ` +
        `${keys.filter((k) => k.kind === 'UNIQUE INDEX').length} unique indexes, ${keys.filter((k) => k.kind === 'FOREIGN KEY').length} foreign keys`,
    );
  });

  it('the commands of docs/operations.md distribute every table of the schema, each after the tables its foreign keys reference', async () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../../docs/operations.md'), 'utf8');
    const distributed = [...doc.matchAll(/^SELECT create_distributed_table\('"?([a-z_]+)"?', '([a-z_]+)'/gm)].map((m) => ({ table: m[1], column: m[2] }));
    const tables = await tablesOfSchema();
    const owned = tables.filter((t) => t.owned).map((t) => t.table);
    expect(distributed.map((d) => d.table).sort()).toEqual(['workspace', ...owned].sort());
    expect(distributed.filter((d) => d.column !== (d.table === 'workspace' ? 'id' : 'workspace_id'))).toEqual([]);
    const position = new Map(distributed.map((d, i) => [d.table, i]));
    const early = (await keysOfSchema())
      .filter((k) => k.kind === 'FOREIGN KEY' && k.table !== k.referenced && position.has(k.table))
      .filter((k) => (position.get(k.referenced!) ?? Infinity) > position.get(k.table)!)
      .map((k) => `${k.table} before ${k.referenced}`);
    expect(early).toEqual([]);
  });

  it('the check itself fails on a key without workspace_id, and on a new table that has workspace_id (a scratch schema)', async () => {
    // The same rules, applied to keys written the way they were before: each one is named.
    const owned = new Set(['customer', 'tier']);
    const old: KeyRow[] = [
      { table: 'customer', name: 'PK_old', kind: 'PRIMARY KEY', definition: 'PRIMARY KEY (id)', columns: ['id'], referenced: null, referencedColumns: [], onDelete: null },
      { table: 'customer', name: 'FK_old', kind: 'FOREIGN KEY', definition: 'FOREIGN KEY (tier_id) REFERENCES tier(id)', columns: ['tier_id'], referenced: 'tier', referencedColumns: ['id'], onDelete: 'RESTRICT' },
      {
        table: 'customer', name: 'FK_set_null', kind: 'FOREIGN KEY', definition: 'FOREIGN KEY (workspace_id, tier_id) REFERENCES tier(workspace_id, id) ON DELETE SET NULL',
        columns: ['workspace_id', 'tier_id'], referenced: 'tier', referencedColumns: ['workspace_id', 'id'], onDelete: 'SET NULL',
      },
      { table: 'customer', name: 'UQ_ok', kind: 'UNIQUE', definition: 'UNIQUE (workspace_id, external_id)', columns: ['workspace_id', 'external_id'], referenced: null, referencedColumns: [], onDelete: null },
    ];
    expect(old.map((k) => problemOf(k, owned))).toEqual([
      'does not contain workspace_id',
      'does not match workspace_id to workspace_id',
      'is ON DELETE SET NULL on a key that holds workspace_id',
      null,
    ]);
    // A table made later with workspace_id is workspace-owned without being named anywhere: its id-only key is found.
    await client.query('BEGIN');
    try {
      await client.query('CREATE TABLE "zz_future" ("id" uuid PRIMARY KEY, "workspace_id" uuid NOT NULL, "code" text UNIQUE)');
      const tables = await tablesOfSchema();
      const ownedNow = new Set(tables.filter((t) => t.owned).map((t) => t.table));
      const found = (await keysOfSchema()).filter((k) => k.table === 'zz_future').map((k) => `${k.kind}: ${problemOf(k, ownedNow)}`);
      expect(found.sort()).toEqual(['PRIMARY KEY: does not contain workspace_id', 'UNIQUE: does not contain workspace_id']);
    } finally {
      await client.query('ROLLBACK');
    }
  });
});

describe('the database refuses a reference to another workspace', () => {
  /** Two workspaces, each with its default tiers and segments; a customer, a campaign, a journey and an order in A. */
  async function twoWorkspaces() {
    const a = await server.workspace();
    const b = await server.workspace();
    const idOf = async (sql: string, params: unknown[]) => (await client.query<{ id: string }>(sql, params)).rows[0].id;
    const tierOf = (ws: string) => idOf(`SELECT id FROM tier WHERE workspace_id = $1 ORDER BY rank LIMIT 1`, [ws]);
    const segmentOf = (ws: string) => idOf(`SELECT id FROM segment WHERE workspace_id = $1 ORDER BY rank LIMIT 1`, [ws]);
    const campaignOf = (ws: string) =>
      idOf(`INSERT INTO campaign (workspace_id, external_id, name) VALUES ($1, 'spring', 'Spring') RETURNING id`, [ws]);
    const [tierA, tierB, segmentA, campaignA, campaignB] = [await tierOf(a.id), await tierOf(b.id), await segmentOf(a.id), await campaignOf(a.id), await campaignOf(b.id)];
    const customerA = await idOf(
      `INSERT INTO customer (workspace_id, external_id, name, tier_id, segment_id, channel) VALUES ($1, 'c1', 'C1', $2, $3, 'DIRECT') RETURNING id`,
      [a.id, tierA, segmentA],
    );
    return { a, b, tierA, tierB, segmentA, campaignA, campaignB, customerA };
  }

  /** The statement fails with a foreign-key violation (23503) naming the constraint and the key it did not find. */
  async function refused(sql: string, params: unknown[]) {
    const error = await client.query(sql, params).then(
      () => null,
      (e: { code?: string; constraint?: string; detail?: string }) => e,
    );
    expect(error).not.toBeNull();
    expect(error!.code).toBe('23503');
    return error!;
  }

  it("a customer of workspace A with a tier of workspace B is a foreign-key violation; with A's own tier it is stored", async () => {
    const { a, b, tierA, tierB, segmentA } = await twoWorkspaces();
    const insert = `INSERT INTO customer (workspace_id, external_id, name, tier_id, segment_id, channel) VALUES ($1, $2, 'X', $3, $4, 'DIRECT')`;
    const error = await refused(insert, [a.id, 'cross', tierB, segmentA]);
    expect(error.detail).toBe(`Key (workspace_id, tier_id)=(${a.id}, ${tierB}) is not present in table "tier".`);
    // The tier exists (in B), and the same row with A's tier goes in: it is the workspace that is refused, nothing else.
    expect((await client.query('SELECT count(*)::int AS n FROM tier WHERE workspace_id = $1 AND id = $2', [b.id, tierB])).rows[0].n).toBe(1);
    await client.query(insert, [a.id, 'own', tierA, segmentA]);
    expect((await client.query('SELECT count(*)::int AS n FROM customer WHERE workspace_id = $1', [a.id])).rows[0].n).toBe(2);
  });

  it('an update that moves a reference to another workspace is refused the same way, for optional references too', async () => {
    const { a, tierB, campaignA, campaignB, customerA } = await twoWorkspaces();
    await refused('UPDATE customer SET tier_id = $3 WHERE workspace_id = $1 AND id = $2', [a.id, customerA, tierB]);
    // An optional reference (MATCH SIMPLE): null is allowed, A's campaign is allowed, B's campaign is refused.
    await client.query('UPDATE customer SET acquisition_campaign_id = NULL WHERE workspace_id = $1 AND id = $2', [a.id, customerA]);
    await client.query('UPDATE customer SET acquisition_campaign_id = $3 WHERE workspace_id = $1 AND id = $2', [a.id, customerA, campaignA]);
    const error = await refused('UPDATE customer SET acquisition_campaign_id = $3 WHERE workspace_id = $1 AND id = $2', [a.id, customerA, campaignB]);
    expect(error.detail).toBe(`Key (workspace_id, acquisition_campaign_id)=(${a.id}, ${campaignB}) is not present in table "campaign".`);
  });

  it("a fact of workspace B that names A's customer, and a target of B with A's tier, are refused", async () => {
    const { a, b, tierA, customerA } = await twoWorkspaces();
    await refused(
      `INSERT INTO revenue (workspace_id, customer_id, month, type, amount) VALUES ($1, $2, '2025-01-01', 'RECURRING', 100)`,
      [b.id, customerA],
    );
    await refused(`INSERT INTO "order" (workspace_id, external_id, customer_id, ordered_at, amount) VALUES ($1, 'o1', $2, now(), 10)`, [b.id, customerA]);
    await refused(
      `INSERT INTO target (workspace_id, kpi, grain, period_start, value, tier_id, status) VALUES ($1, 'MRR', 'MONTH', '2025-01-01', 1, $2, 'DRAFT')`,
      [b.id, tierA],
    );
    // In A itself the revenue row is stored.
    await client.query(`INSERT INTO revenue (workspace_id, customer_id, month, type, amount) VALUES ($1, $2, '2025-01-01', 'RECURRING', 100)`, [a.id, customerA]);
  });
});
