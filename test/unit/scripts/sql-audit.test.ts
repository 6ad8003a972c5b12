import { EXCEPTIONS, unscopedTables } from '../../../scripts/sql-audit';

/** The check behind `scripts/sql-audit.ts`: which workspace tables a statement leaves without their workspace_id. */
describe('unscopedTables', () => {
  it('finds a joined table matched by id alone, and passes it once the join matches workspace_id too', () => {
    expect(unscopedTables('SELECT t.key FROM customer cu JOIN tier t ON t.id = cu.tier_id WHERE cu.workspace_id = $1')).toEqual(['tier t']);
    expect(
      unscopedTables('SELECT t.key FROM customer cu JOIN tier t ON t.workspace_id = cu.workspace_id AND t.id = cu.tier_id WHERE cu.workspace_id = $1'),
    ).toEqual([]);
  });

  it('finds a statement by id alone, in any verb, and passes single-table statements that name workspace_id', () => {
    expect(unscopedTables('UPDATE api_key SET last_used_at = now() WHERE id = $1')).toEqual(['api_key']);
    expect(unscopedTables('DELETE FROM "phase" WHERE "id" = $1')).toEqual(['phase']);
    expect(unscopedTables('INSERT INTO "order" ("id", "amount") VALUES ($1, $2)')).toEqual(['order']);
    expect(unscopedTables('UPDATE api_key SET last_used_at = now() WHERE workspace_id = $1 AND id = $2')).toEqual([]);
    expect(unscopedTables('SELECT "Phase"."id" FROM "phase" "Phase" WHERE (("Phase"."workspace_id" = $1) AND ("Phase"."id" = $2))')).toEqual([]);
    expect(unscopedTables('SELECT f.external_id FROM "event" f WHERE workspace_id = $1')).toEqual([]);
  });

  it('ignores tables that belong to no workspace, and DDL', () => {
    expect(unscopedTables('SELECT data_version FROM workspace WHERE id = $1')).toEqual([]);
    expect(unscopedTables('SELECT * FROM pg_stat_activity')).toEqual([]);
    expect(unscopedTables('ALTER TABLE "customer" ADD CONSTRAINT "x" UNIQUE ("id")')).toEqual([]);
  });

  it('names a reason for every exception', () => {
    expect(EXCEPTIONS.every((e) => e.reason.length > 20)).toBe(true);
  });
});
