import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../../src/db/data-source';
import { appEntities } from '../../../src/app.modules';

/**
 * The migration WorkspaceKeys on a database that holds data: up, down and up again, in a scratch database of its own on the test
 * server. Down gives back exactly the keys there were before (the catalog compared line by line), and no row is lost either way.
 */
const MIGRATION = 'WorkspaceKeys';
const TABLES = ['workspace', 'tier', 'segment', 'campaign', 'customer', 'revenue', 'order', 'refund', 'journey', 'phase', 'touchpoint', 'event'];

let admin: Client;
let db: Client;
let dataSource: DataSource;
let database: string;

beforeAll(async () => {
  admin = new Client({ connectionString: process.env.JG_TEST_DATABASE_URL });
  await admin.connect();
  database = `jg_keys_migration_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await admin.query(`CREATE DATABASE "${database}"`);
  const url = new URL(process.env.JG_TEST_DATABASE_URL!);
  url.pathname = `/${database}`;
  dataSource = createDataSource({ url: url.toString(), entities: appEntities, poolSize: 2 });
  await dataSource.initialize();
  db = new Client({ connectionString: url.toString() });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await dataSource?.destroy();
  await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
  await admin.end();
});

const applied = async () => (await db.query<{ name: string }>('SELECT name FROM migrations ORDER BY id')).rows.map((r) => r.name);

/** Undoes the newest migrations until WorkspaceKeys is undone (migrations made after it are undone first, and run again by up). */
async function down(): Promise<number> {
  let undone = 0;
  while ((await applied()).some((name) => name.startsWith(MIGRATION))) {
    await dataSource.undoLastMigration({ transaction: 'each' });
    undone++;
  }
  return undone;
}

/** Every constraint and index of the schema, as PostgreSQL prints it. */
async function catalog(): Promise<string[]> {
  const { rows } = await db.query<{ line: string }>(
    `SELECT c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid) AS line
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE k.connamespace = 'public'::regnamespace
     UNION ALL
     SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relnamespace = 'public'::regnamespace
     ORDER BY 1`,
  );
  return rows.map((r) => r.line);
}

async function counts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) result[table] = (await db.query(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0].n;
  return result;
}

const one = async (sql: string, params: unknown[] = []) => (await db.query<{ id: string }>(sql, params)).rows[0].id;

/** Two workspaces with a customer each and its facts, written in the schema before WorkspaceKeys (plain id keys). */
async function seedOldSchema() {
  const ids: Record<string, string> = {};
  for (const ws of ['a', 'b']) {
    const w = await one(`INSERT INTO workspace (name) VALUES ($1) RETURNING id`, [`Migration ${ws}`]);
    const tier = await one(`INSERT INTO tier (workspace_id, key, name, rank) VALUES ($1, 'gold', 'Gold', 1) RETURNING id`, [w]);
    const segment = await one(`INSERT INTO segment (workspace_id, key, name, rank) VALUES ($1, 'smb', 'SMB', 1) RETURNING id`, [w]);
    const campaign = await one(`INSERT INTO campaign (workspace_id, external_id, name) VALUES ($1, 'spring', 'Spring') RETURNING id`, [w]);
    const customer = await one(
      `INSERT INTO customer (workspace_id, external_id, name, tier_id, segment_id, channel, acquisition_campaign_id)
       VALUES ($1, 'c1', 'C1', $2, $3, 'DIRECT', $4) RETURNING id`,
      [w, tier, segment, campaign],
    );
    await db.query(`INSERT INTO revenue (workspace_id, customer_id, month, type, amount) VALUES ($1, $2, '2025-01-01', 'RECURRING', 100)`, [w, customer]);
    const order = await one(
      `INSERT INTO "order" (workspace_id, external_id, customer_id, ordered_at, amount, campaign_id) VALUES ($1, 'o1', $2, '2025-01-05', 50, $3) RETURNING id`,
      [w, customer, campaign],
    );
    await db.query(`INSERT INTO refund (workspace_id, external_id, order_id, refunded_at, amount) VALUES ($1, 'r1', $2, '2025-01-09', 5)`, [w, order]);
    const journey = await one(`INSERT INTO journey (workspace_id, name) VALUES ($1, 'Lifecycle') RETURNING id`, [w]);
    const phase = await one(`INSERT INTO phase (workspace_id, journey_id, key, name, position) VALUES ($1, $2, 'contact', 'Contact', 1) RETURNING id`, [w, journey]);
    const touchpoint = await one(
      `INSERT INTO touchpoint (workspace_id, phase_id, key, name, mode, channel) VALUES ($1, $2, 'webinar', 'Webinar', 'TECH_TOUCH', 'WEBINAR') RETURNING id`,
      [w, phase],
    );
    await db.query(
      `INSERT INTO event (workspace_id, external_id, customer_id, type, occurred_at, phase_id, touchpoint_id, campaign_id)
       VALUES ($1, 'e1', $2, 'WEBINAR_ATTENDED', '2025-01-03', $3, $4, $5)`,
      [w, customer, phase, touchpoint, campaign],
    );
    Object.assign(ids, { [`${ws}Workspace`]: w, [`${ws}Tier`]: tier, [`${ws}Customer`]: customer });
  }
  return ids;
}

describe(`migration ${MIGRATION}: up, down and up again on a database with data`, () => {
  it('keeps every row, puts workspace_id in the keys, and down gives back exactly the keys there were', async () => {
    await dataSource.runMigrations({ transaction: 'each' });
    const afterOnEmpty = await catalog();
    const undone = await down();
    const before = await catalog();
    expect(before).toContain('customer PK_a7a13f4cacb744524e44dfdad32 PRIMARY KEY (id)');

    const ids = await seedOldSchema();
    const rows = await counts();
    expect(Object.values(rows).every((n) => n >= 2)).toBe(true);
    // Before: the database accepts a customer of A with B's tier (only the code prevented it). Undone at once.
    await db.query('BEGIN');
    await db.query('UPDATE customer SET tier_id = $1 WHERE id = $2', [ids.bTier, ids.aCustomer]);
    await db.query('ROLLBACK');

    await dataSource.runMigrations({ transaction: 'each' });
    expect(await counts()).toEqual(rows);
    const after = await catalog();
    expect(after).toEqual(afterOnEmpty);
    expect(after).toContain('customer PK_3483539d2dc94241b16ceb01f1c PRIMARY KEY (workspace_id, id)');
    expect(after).toContain(
      'customer FK_e941bf6083992232d1d119919e0 FOREIGN KEY (workspace_id, tier_id) REFERENCES tier(workspace_id, id) ON DELETE RESTRICT',
    );
    // After: the same update is a foreign-key violation.
    await expect(db.query('UPDATE customer SET tier_id = $1 WHERE workspace_id = $2 AND id = $3', [ids.bTier, ids.aWorkspace, ids.aCustomer])).rejects.toMatchObject({
      code: '23503',
    });

    expect(await down()).toBe(undone);
    expect(await catalog()).toEqual(before);
    expect(await counts()).toEqual(rows);

    await dataSource.runMigrations({ transaction: 'each' });
    expect(await catalog()).toEqual(after);
    expect(await counts()).toEqual(rows);
    console.log(`[migration] ${MIGRATION}: ${before.length} constraints and indexes before, ${after.length} after; rows kept: ${JSON.stringify(rows)}`);
  });
});
