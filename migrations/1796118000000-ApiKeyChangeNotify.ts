import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Every change of an API key that matters to who it lets in (revocation, role, partner, secret, workspace) and every deletion
 * (also by cascade, from its partner or workspace) notifies channel `api_key_changed` with the key's id, in the committing
 * transaction: each server instance drops that key from its cache of verified keys when the notification arrives. A write of
 * last_used_at alone notifies nothing; a TRUNCATE notifies `*` (drop every key). Written by hand (TypeORM does not generate
 * triggers).
 */
export class ApiKeyChangeNotify1796118000000 implements MigrationInterface {
    name = 'ApiKeyChangeNotify1796118000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE FUNCTION "notify_api_key_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_LEVEL = 'STATEMENT' THEN
                PERFORM pg_notify('api_key_changed', '*');
              ELSE
                PERFORM pg_notify('api_key_changed', OLD."id"::text);
              END IF;
              RETURN NULL;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER "api_key_changed_upd" AFTER UPDATE ON "api_key" FOR EACH ROW
            WHEN ((to_jsonb(OLD) - 'last_used_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_used_at'))
            EXECUTE FUNCTION "notify_api_key_changed"()`);
        await queryRunner.query(`CREATE TRIGGER "api_key_changed_del" AFTER DELETE ON "api_key" FOR EACH ROW EXECUTE FUNCTION "notify_api_key_changed"()`);
        await queryRunner.query(`CREATE TRIGGER "api_key_changed_trunc" AFTER TRUNCATE ON "api_key" FOR EACH STATEMENT EXECUTE FUNCTION "notify_api_key_changed"()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "api_key_changed_trunc" ON "api_key"`);
        await queryRunner.query(`DROP TRIGGER "api_key_changed_del" ON "api_key"`);
        await queryRunner.query(`DROP TRIGGER "api_key_changed_upd" ON "api_key"`);
        await queryRunner.query(`DROP FUNCTION "notify_api_key_changed"()`);
    }
}
