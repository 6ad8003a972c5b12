import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Deleting a phase (or its journey) deleted the events that named it, PHASE_ENTERED and WEBINAR_ATTENDED alike: journey structure
 * took customer facts with it. The database now refuses; the journey service refuses first, naming the events that still use it.
 */
export class EventPhaseRestrict1796100726265 implements MigrationInterface {
    name = 'EventPhaseRestrict1796100726265'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "FK_1f72b4e95d818be8d6ec368b119"`);
        await queryRunner.query(`ALTER TABLE "event" ADD CONSTRAINT "FK_1f72b4e95d818be8d6ec368b119" FOREIGN KEY ("phase_id") REFERENCES "phase"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "FK_1f72b4e95d818be8d6ec368b119"`);
        await queryRunner.query(`ALTER TABLE "event" ADD CONSTRAINT "FK_1f72b4e95d818be8d6ec368b119" FOREIGN KEY ("phase_id") REFERENCES "phase"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

}
