import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Every key of a workspace-owned table holds workspace_id, so that the tables can be distributed by workspace (Citus) and the
 * database itself refuses a reference to another workspace's row. Generated, then edited by hand:
 * - primary keys are (workspace_id, id) and composite foreign keys (workspace_id, x_id) REFERENCES x (workspace_id, id),
 *   workspace_id first (the generator writes them the other way round; the order does not change what it compares);
 * - the three composite keys that already existed (customer -> segment, order -> customer, refund -> order) stood on the
 *   (workspace_id, id) unique constraints that the primary keys replace: they are dropped and added back around them;
 * - api_key keeps an index on id alone: a key is found by its id before its workspace is known.
 * Existing rows are kept as they are; the new foreign keys fail (naming the row) if a row already points at another workspace.
 */

export class WorkspaceKeys1796175189622 implements MigrationInterface {
    name = 'WorkspaceKeys1796175189622'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "FK_466c829059540fb7567ddff9a8b"`);
        await queryRunner.query(`ALTER TABLE "phase" DROP CONSTRAINT "FK_79f452fcfc6950c5405ba2828a0"`);
        await queryRunner.query(`ALTER TABLE "phase" DROP CONSTRAINT "FK_22bb6f8ad77674a9702035499ea"`);
        await queryRunner.query(`ALTER TABLE "metric" DROP CONSTRAINT "FK_b9c9f22cb1bee5b2a220f1760c9"`);
        await queryRunner.query(`ALTER TABLE "metric" DROP CONSTRAINT "FK_cbaf8b0ebb7c2e8ba87df3b6670"`);
        await queryRunner.query(`ALTER TABLE "process" DROP CONSTRAINT "FK_880b6298091c8f5a74db30efe1d"`);
        await queryRunner.query(`ALTER TABLE "touchpoint" DROP CONSTRAINT "FK_fdbb8a4a9cf68c0529df9708c6d"`);
        await queryRunner.query(`ALTER TABLE "customer" DROP CONSTRAINT "FK_1d590b9e40a2c8ff2b09687cb8b"`);
        await queryRunner.query(`ALTER TABLE "customer" DROP CONSTRAINT "FK_26d2ad3785d594fb3376a6222b8"`);
        await queryRunner.query(`ALTER TABLE "customer" DROP CONSTRAINT "FK_fc82bb599b988e2ba9ac375f4d9"`);
        await queryRunner.query(`ALTER TABLE "revenue" DROP CONSTRAINT "FK_e8ec61caed5797a9604c2d4bf86"`);
        await queryRunner.query(`ALTER TABLE "cost" DROP CONSTRAINT "FK_749569956f6adf495e6d3706c2b"`);
        await queryRunner.query(`ALTER TABLE "cost" DROP CONSTRAINT "FK_185ac14a638c7b389d09e373c05"`);
        await queryRunner.query(`ALTER TABLE "invoice" DROP CONSTRAINT "FK_2e6c81055e67a7f4791c887b56f"`);
        await queryRunner.query(`ALTER TABLE "survey" DROP CONSTRAINT "FK_41587ef44c83bb5daf798b94be8"`);
        await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "FK_749c21609b0a354043ed0577dc5"`);
        await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "FK_1269e9b9f57c2d102fa416363f8"`);
        await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "FK_61c3dfe0593eafa4624e16a2ffa"`);
        await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "FK_1f72b4e95d818be8d6ec368b119"`);
        await queryRunner.query(`ALTER TABLE "order" DROP CONSTRAINT "FK_167d5c278a5060bf17f22ba6f74"`);
        await queryRunner.query(`ALTER TABLE "order" DROP CONSTRAINT "FK_07df9935d64dcc9608f2a3ce633"`);
        await queryRunner.query(`ALTER TABLE "target" DROP CONSTRAINT "FK_003876ef73f4b3a466fe3ac5b83"`);
        await queryRunner.query(`ALTER TABLE "target" DROP CONSTRAINT "FK_68482613ae993e764562b3aaccf"`);
        await queryRunner.query(`ALTER TABLE "metric_link" DROP CONSTRAINT "FK_24163f0c5a389b5f6ba9c41df16"`);
        await queryRunner.query(`ALTER TABLE "metric_link" DROP CONSTRAINT "FK_2b37b275e1621b21a28c56c7eb6"`);
        await queryRunner.query(`ALTER TABLE "metric_value" DROP CONSTRAINT "FK_f998f610636d982fdacbdde309c"`);
        await queryRunner.query(`ALTER TABLE "metric_value" DROP CONSTRAINT "FK_9d5c3f1c12c546cd5a93f59923c"`);
        // The three composite keys of OrdersRefunds/DimensionsForAnyBusiness stand on the (workspace_id, id) unique constraints
        // that the new primary keys replace: dropped here, added back on the primary keys below.
        await queryRunner.query(`ALTER TABLE "customer" DROP CONSTRAINT "FK_7af0b6a33c1d905e5271f24ef63"`);
        await queryRunner.query(`ALTER TABLE "order" DROP CONSTRAINT "FK_e6c297b2075773c00d1fa8748b2"`);
        await queryRunner.query(`ALTER TABLE "refund" DROP CONSTRAINT "FK_bc339de98cee73ce83b9f50e25a"`);
        await queryRunner.query(`ALTER TABLE "segment" DROP CONSTRAINT "UQ_ef85eaa90977028b105aa52a7d0"`);
        await queryRunner.query(`ALTER TABLE "customer" DROP CONSTRAINT "UQ_3483539d2dc94241b16ceb01f1c"`);
        await queryRunner.query(`ALTER TABLE "order" DROP CONSTRAINT "UQ_63b85815889324cc53f6223e3ef"`);
        await queryRunner.query(`ALTER TABLE "partner" DROP CONSTRAINT "PK_8f34ff11ddd5459eacbfacd48ca"`);
        await queryRunner.query(`ALTER TABLE "partner" ADD CONSTRAINT "PK_873aab3bfa4d95f27a9d8dbb260" PRIMARY KEY ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11"`);
        await queryRunner.query(`ALTER TABLE "api_key" ADD CONSTRAINT "PK_2c8207e93435f1e7c8deb8d261d" PRIMARY KEY ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "tier" DROP CONSTRAINT "PK_14d67ceef0dbea040e39e97e7f6"`);
        await queryRunner.query(`ALTER TABLE "tier" ADD CONSTRAINT "PK_f3f42e8b2cf00b217afabdc1173" PRIMARY KEY ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "segment" DROP CONSTRAINT "PK_d648ac58d8e0532689dfb8ad7ef"`);
        await queryRunner.query(`ALTER TABLE "segment" ADD CONSTRAINT "PK_ef85eaa90977028b105aa52a7d0" PRIMARY KEY ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "journey" DROP CONSTRAINT "PK_0dfc23b6e61590ef493cf3adcde"`);
        await queryRunner.query(`ALTER TABLE "journey" ADD CONSTRAINT "PK_c43347a0edfe622af2ea798cb12" PRIMARY KEY ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "owner" DROP CONSTRAINT "PK_8e86b6b9f94aece7d12d465dc0c"`);
        await queryRunner.query(`ALTER TABLE "owner" ADD CONSTRAINT "PK_2eb818d73a74212a6def1da30c1" PRIMARY KEY ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "phase" DROP CONSTRAINT "PK_a9cac5076fb19818ed0f871bea8"`);
        await queryRunner.query(`ALTER TABLE "phase" ADD CONSTRAINT "PK_089755f3410ebc707e064ef9f48" PRIMARY KEY ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "metric" DROP CONSTRAINT "PK_7d24c075ea2926dd32bd1c534ce"`);
        await queryRunner.query(`ALTER TABLE "metric" ADD CONSTRAINT "PK_c6080c381fce0abfc7b48714972" PRIMARY KEY ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "process" DROP CONSTRAINT "PK_d5e3ab0f6df55ee74ca24967952"`);
        await queryRunner.query(`ALTER TABLE "process" ADD CONSTRAINT "PK_6250fe82b159c9d5dc5cfd20bbb" PRIMARY KEY ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "touchpoint" DROP CONSTRAINT "PK_6300fcbd2118e516bd624a54c2f"`);
        await queryRunner.query(`ALTER TABLE "touchpoint" ADD CONSTRAINT "PK_207f308f00582adca34d3b0be33" PRIMARY KEY ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "campaign" DROP CONSTRAINT "PK_0ce34d26e7f2eb316a3a592cdc4"`);
        await queryRunner.query(`ALTER TABLE "campaign" ADD CONSTRAINT "PK_9f33fd99a0511a9da2e57100d5a" PRIMARY KEY ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "customer" DROP CONSTRAINT "PK_a7a13f4cacb744524e44dfdad32"`);
        await queryRunner.query(`ALTER TABLE "customer" ADD CONSTRAINT "PK_3483539d2dc94241b16ceb01f1c" PRIMARY KEY ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "cost" DROP CONSTRAINT "PK_9457483cde444b1dd32aacb24bb"`);
        await queryRunner.query(`ALTER TABLE "cost" ADD CONSTRAINT "PK_0930fed9401912427b2dc00c001" PRIMARY KEY ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "invoice" DROP CONSTRAINT "PK_15d25c200d9bcd8a33f698daf18"`);
        await queryRunner.query(`ALTER TABLE "invoice" ADD CONSTRAINT "PK_5d98772a941fc2da5067890c59a" PRIMARY KEY ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "survey" DROP CONSTRAINT "PK_f0da32b9181e9c02ecf0be11ed3"`);
        await queryRunner.query(`ALTER TABLE "survey" ADD CONSTRAINT "PK_9a63885a089c936f2fe7a7f47fe" PRIMARY KEY ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "PK_30c2f3bbaf6d34a55f8ae6e4614"`);
        await queryRunner.query(`ALTER TABLE "event" ADD CONSTRAINT "PK_3842a354ced9f54655973782b87" PRIMARY KEY ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "order" DROP CONSTRAINT "PK_1031171c13130102495201e3e20"`);
        await queryRunner.query(`ALTER TABLE "order" ADD CONSTRAINT "PK_63b85815889324cc53f6223e3ef" PRIMARY KEY ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "refund" DROP CONSTRAINT "PK_f1cefa2e60d99b206c46c1116e5"`);
        await queryRunner.query(`ALTER TABLE "refund" ADD CONSTRAINT "PK_b5d10fbbb0c9fc0b6e09bb18cf6" PRIMARY KEY ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "target" DROP CONSTRAINT "PK_9d962204b13c18851ea88fc72f3"`);
        await queryRunner.query(`ALTER TABLE "target" ADD CONSTRAINT "PK_7dd1783da88d9ca9506b9450ab6" PRIMARY KEY ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "metric_link" DROP CONSTRAINT "PK_09a414f9a0114238bdbb359c2f9"`);
        await queryRunner.query(`ALTER TABLE "metric_link" ADD CONSTRAINT "PK_76a7d1cf9414a97bbf4ee332476" PRIMARY KEY ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "metric_value" DROP CONSTRAINT "PK_b55bfd1170293feaa2032cb39b5"`);
        await queryRunner.query(`ALTER TABLE "metric_value" ADD CONSTRAINT "PK_55fb9d41725483efdc0e6068f29" PRIMARY KEY ("workspace_id", "id")`);
        await queryRunner.query(`CREATE INDEX "IDX_b1bd840641b8acbaad89c3d8d1" ON "api_key"  ("id") `);
        await queryRunner.query(`ALTER TABLE "api_key" ADD CONSTRAINT "FK_d90d6b775a397e87d1ce44bbede" FOREIGN KEY ("workspace_id", "partner_id") REFERENCES "partner"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "phase" ADD CONSTRAINT "FK_90d8d2c5a489e66105565644636" FOREIGN KEY ("workspace_id", "journey_id") REFERENCES "journey"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "phase" ADD CONSTRAINT "FK_fdf306b4059a2e268a71cc7974f" FOREIGN KEY ("workspace_id", "owner_id") REFERENCES "owner"("workspace_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "metric" ADD CONSTRAINT "FK_27b9b8ce2bc0831f066421194a4" FOREIGN KEY ("workspace_id", "phase_id") REFERENCES "phase"("workspace_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "metric" ADD CONSTRAINT "FK_b4cf52e4db0576bb59f57661c16" FOREIGN KEY ("workspace_id", "owner_id") REFERENCES "owner"("workspace_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "process" ADD CONSTRAINT "FK_87d35aeb42707f76e634afc5bb2" FOREIGN KEY ("workspace_id", "phase_id") REFERENCES "phase"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "touchpoint" ADD CONSTRAINT "FK_61899c9789e50d3f2c8a263dd52" FOREIGN KEY ("workspace_id", "phase_id") REFERENCES "phase"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "customer" ADD CONSTRAINT "FK_e941bf6083992232d1d119919e0" FOREIGN KEY ("workspace_id", "tier_id") REFERENCES "tier"("workspace_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "customer" ADD CONSTRAINT "FK_6778c39358cf22c898e9dbe191a" FOREIGN KEY ("workspace_id", "partner_id") REFERENCES "partner"("workspace_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "customer" ADD CONSTRAINT "FK_fcd3689e8acf9b2a1e6c1d343ab" FOREIGN KEY ("workspace_id", "acquisition_campaign_id") REFERENCES "campaign"("workspace_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "revenue" ADD CONSTRAINT "FK_133a217aaead61c7ed6a5734dbb" FOREIGN KEY ("workspace_id", "customer_id") REFERENCES "customer"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cost" ADD CONSTRAINT "FK_6009920009838a4d96689553b40" FOREIGN KEY ("workspace_id", "customer_id") REFERENCES "customer"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cost" ADD CONSTRAINT "FK_03d91b007bf38c4c6e623176ba9" FOREIGN KEY ("workspace_id", "campaign_id") REFERENCES "campaign"("workspace_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invoice" ADD CONSTRAINT "FK_3869066a6b49220ebd44bcac363" FOREIGN KEY ("workspace_id", "customer_id") REFERENCES "customer"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "survey" ADD CONSTRAINT "FK_b307096258dc9c318f1a1c26691" FOREIGN KEY ("workspace_id", "customer_id") REFERENCES "customer"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "event" ADD CONSTRAINT "FK_dc9719f4167687c38ee347c2d78" FOREIGN KEY ("workspace_id", "customer_id") REFERENCES "customer"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "event" ADD CONSTRAINT "FK_269a95388f6790f14a95c1b454c" FOREIGN KEY ("workspace_id", "touchpoint_id") REFERENCES "touchpoint"("workspace_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "event" ADD CONSTRAINT "FK_8f4415504e6a876198b353e08cf" FOREIGN KEY ("workspace_id", "campaign_id") REFERENCES "campaign"("workspace_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "event" ADD CONSTRAINT "FK_806a7973b7605def3b6fdd45d72" FOREIGN KEY ("workspace_id", "phase_id") REFERENCES "phase"("workspace_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "order" ADD CONSTRAINT "FK_476481006e7e55829bb7c6beed9" FOREIGN KEY ("workspace_id", "campaign_id") REFERENCES "campaign"("workspace_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "order" ADD CONSTRAINT "FK_d46563fa2f37fff444c1774d71e" FOREIGN KEY ("workspace_id", "touchpoint_id") REFERENCES "touchpoint"("workspace_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "target" ADD CONSTRAINT "FK_31b512c892a7bd7b4130a040920" FOREIGN KEY ("workspace_id", "metric_id") REFERENCES "metric"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "target" ADD CONSTRAINT "FK_df56b3512f1fdd2bf8bccad2e80" FOREIGN KEY ("workspace_id", "tier_id") REFERENCES "tier"("workspace_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "metric_link" ADD CONSTRAINT "FK_ce02a4dd18d60de525e45e33948" FOREIGN KEY ("workspace_id", "child_id") REFERENCES "metric"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "metric_link" ADD CONSTRAINT "FK_4bee3cca1bfeec91eedb7c6dd2f" FOREIGN KEY ("workspace_id", "parent_id") REFERENCES "metric"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "metric_value" ADD CONSTRAINT "FK_7cdc1d65267cd9310ab48d4cae5" FOREIGN KEY ("workspace_id", "metric_id") REFERENCES "metric"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "metric_value" ADD CONSTRAINT "FK_aacf57dc9620240a769d63f7744" FOREIGN KEY ("workspace_id", "tier_id") REFERENCES "tier"("workspace_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        // SET NULL on a key that holds workspace_id would null the workspace as well (and Citus refuses SET NULL on the
        // distribution column): the optional references are NO ACTION, and the services clear them before deleting.
        await queryRunner.query(`ALTER TABLE "customer" ADD CONSTRAINT "FK_7af0b6a33c1d905e5271f24ef63" FOREIGN KEY ("workspace_id", "segment_id") REFERENCES "segment"("workspace_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "order" ADD CONSTRAINT "FK_e6c297b2075773c00d1fa8748b2" FOREIGN KEY ("workspace_id", "customer_id") REFERENCES "customer"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "refund" ADD CONSTRAINT "FK_bc339de98cee73ce83b9f50e25a" FOREIGN KEY ("workspace_id", "order_id") REFERENCES "order"("workspace_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "customer" DROP CONSTRAINT "FK_7af0b6a33c1d905e5271f24ef63"`);
        await queryRunner.query(`ALTER TABLE "order" DROP CONSTRAINT "FK_e6c297b2075773c00d1fa8748b2"`);
        await queryRunner.query(`ALTER TABLE "refund" DROP CONSTRAINT "FK_bc339de98cee73ce83b9f50e25a"`);
        await queryRunner.query(`ALTER TABLE "metric_value" DROP CONSTRAINT "FK_aacf57dc9620240a769d63f7744"`);
        await queryRunner.query(`ALTER TABLE "metric_value" DROP CONSTRAINT "FK_7cdc1d65267cd9310ab48d4cae5"`);
        await queryRunner.query(`ALTER TABLE "metric_link" DROP CONSTRAINT "FK_4bee3cca1bfeec91eedb7c6dd2f"`);
        await queryRunner.query(`ALTER TABLE "metric_link" DROP CONSTRAINT "FK_ce02a4dd18d60de525e45e33948"`);
        await queryRunner.query(`ALTER TABLE "target" DROP CONSTRAINT "FK_df56b3512f1fdd2bf8bccad2e80"`);
        await queryRunner.query(`ALTER TABLE "target" DROP CONSTRAINT "FK_31b512c892a7bd7b4130a040920"`);
        await queryRunner.query(`ALTER TABLE "order" DROP CONSTRAINT "FK_d46563fa2f37fff444c1774d71e"`);
        await queryRunner.query(`ALTER TABLE "order" DROP CONSTRAINT "FK_476481006e7e55829bb7c6beed9"`);
        await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "FK_806a7973b7605def3b6fdd45d72"`);
        await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "FK_8f4415504e6a876198b353e08cf"`);
        await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "FK_269a95388f6790f14a95c1b454c"`);
        await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "FK_dc9719f4167687c38ee347c2d78"`);
        await queryRunner.query(`ALTER TABLE "survey" DROP CONSTRAINT "FK_b307096258dc9c318f1a1c26691"`);
        await queryRunner.query(`ALTER TABLE "invoice" DROP CONSTRAINT "FK_3869066a6b49220ebd44bcac363"`);
        await queryRunner.query(`ALTER TABLE "cost" DROP CONSTRAINT "FK_03d91b007bf38c4c6e623176ba9"`);
        await queryRunner.query(`ALTER TABLE "cost" DROP CONSTRAINT "FK_6009920009838a4d96689553b40"`);
        await queryRunner.query(`ALTER TABLE "revenue" DROP CONSTRAINT "FK_133a217aaead61c7ed6a5734dbb"`);
        await queryRunner.query(`ALTER TABLE "customer" DROP CONSTRAINT "FK_fcd3689e8acf9b2a1e6c1d343ab"`);
        await queryRunner.query(`ALTER TABLE "customer" DROP CONSTRAINT "FK_6778c39358cf22c898e9dbe191a"`);
        await queryRunner.query(`ALTER TABLE "customer" DROP CONSTRAINT "FK_e941bf6083992232d1d119919e0"`);
        await queryRunner.query(`ALTER TABLE "touchpoint" DROP CONSTRAINT "FK_61899c9789e50d3f2c8a263dd52"`);
        await queryRunner.query(`ALTER TABLE "process" DROP CONSTRAINT "FK_87d35aeb42707f76e634afc5bb2"`);
        await queryRunner.query(`ALTER TABLE "metric" DROP CONSTRAINT "FK_b4cf52e4db0576bb59f57661c16"`);
        await queryRunner.query(`ALTER TABLE "metric" DROP CONSTRAINT "FK_27b9b8ce2bc0831f066421194a4"`);
        await queryRunner.query(`ALTER TABLE "phase" DROP CONSTRAINT "FK_fdf306b4059a2e268a71cc7974f"`);
        await queryRunner.query(`ALTER TABLE "phase" DROP CONSTRAINT "FK_90d8d2c5a489e66105565644636"`);
        await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "FK_d90d6b775a397e87d1ce44bbede"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_b1bd840641b8acbaad89c3d8d1"`);
        await queryRunner.query(`ALTER TABLE "metric_value" DROP CONSTRAINT "PK_55fb9d41725483efdc0e6068f29"`);
        await queryRunner.query(`ALTER TABLE "metric_value" ADD CONSTRAINT "PK_b55bfd1170293feaa2032cb39b5" PRIMARY KEY ("id")`);
        await queryRunner.query(`ALTER TABLE "metric_link" DROP CONSTRAINT "PK_76a7d1cf9414a97bbf4ee332476"`);
        await queryRunner.query(`ALTER TABLE "metric_link" ADD CONSTRAINT "PK_09a414f9a0114238bdbb359c2f9" PRIMARY KEY ("id")`);
        await queryRunner.query(`ALTER TABLE "target" DROP CONSTRAINT "PK_7dd1783da88d9ca9506b9450ab6"`);
        await queryRunner.query(`ALTER TABLE "target" ADD CONSTRAINT "PK_9d962204b13c18851ea88fc72f3" PRIMARY KEY ("id")`);
        await queryRunner.query(`ALTER TABLE "refund" DROP CONSTRAINT "PK_b5d10fbbb0c9fc0b6e09bb18cf6"`);
        await queryRunner.query(`ALTER TABLE "refund" ADD CONSTRAINT "PK_f1cefa2e60d99b206c46c1116e5" PRIMARY KEY ("id")`);
        await queryRunner.query(`ALTER TABLE "order" DROP CONSTRAINT "PK_63b85815889324cc53f6223e3ef"`);
        await queryRunner.query(`ALTER TABLE "order" ADD CONSTRAINT "PK_1031171c13130102495201e3e20" PRIMARY KEY ("id")`);
        await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "PK_3842a354ced9f54655973782b87"`);
        await queryRunner.query(`ALTER TABLE "event" ADD CONSTRAINT "PK_30c2f3bbaf6d34a55f8ae6e4614" PRIMARY KEY ("id")`);
        await queryRunner.query(`ALTER TABLE "survey" DROP CONSTRAINT "PK_9a63885a089c936f2fe7a7f47fe"`);
        await queryRunner.query(`ALTER TABLE "survey" ADD CONSTRAINT "PK_f0da32b9181e9c02ecf0be11ed3" PRIMARY KEY ("id")`);
        await queryRunner.query(`ALTER TABLE "invoice" DROP CONSTRAINT "PK_5d98772a941fc2da5067890c59a"`);
        await queryRunner.query(`ALTER TABLE "invoice" ADD CONSTRAINT "PK_15d25c200d9bcd8a33f698daf18" PRIMARY KEY ("id")`);
        await queryRunner.query(`ALTER TABLE "cost" DROP CONSTRAINT "PK_0930fed9401912427b2dc00c001"`);
        await queryRunner.query(`ALTER TABLE "cost" ADD CONSTRAINT "PK_9457483cde444b1dd32aacb24bb" PRIMARY KEY ("id")`);
        await queryRunner.query(`ALTER TABLE "customer" DROP CONSTRAINT "PK_3483539d2dc94241b16ceb01f1c"`);
        await queryRunner.query(`ALTER TABLE "customer" ADD CONSTRAINT "PK_a7a13f4cacb744524e44dfdad32" PRIMARY KEY ("id")`);
        await queryRunner.query(`ALTER TABLE "campaign" DROP CONSTRAINT "PK_9f33fd99a0511a9da2e57100d5a"`);
        await queryRunner.query(`ALTER TABLE "campaign" ADD CONSTRAINT "PK_0ce34d26e7f2eb316a3a592cdc4" PRIMARY KEY ("id")`);
        await queryRunner.query(`ALTER TABLE "touchpoint" DROP CONSTRAINT "PK_207f308f00582adca34d3b0be33"`);
        await queryRunner.query(`ALTER TABLE "touchpoint" ADD CONSTRAINT "PK_6300fcbd2118e516bd624a54c2f" PRIMARY KEY ("id")`);
        await queryRunner.query(`ALTER TABLE "process" DROP CONSTRAINT "PK_6250fe82b159c9d5dc5cfd20bbb"`);
        await queryRunner.query(`ALTER TABLE "process" ADD CONSTRAINT "PK_d5e3ab0f6df55ee74ca24967952" PRIMARY KEY ("id")`);
        await queryRunner.query(`ALTER TABLE "metric" DROP CONSTRAINT "PK_c6080c381fce0abfc7b48714972"`);
        await queryRunner.query(`ALTER TABLE "metric" ADD CONSTRAINT "PK_7d24c075ea2926dd32bd1c534ce" PRIMARY KEY ("id")`);
        await queryRunner.query(`ALTER TABLE "phase" DROP CONSTRAINT "PK_089755f3410ebc707e064ef9f48"`);
        await queryRunner.query(`ALTER TABLE "phase" ADD CONSTRAINT "PK_a9cac5076fb19818ed0f871bea8" PRIMARY KEY ("id")`);
        await queryRunner.query(`ALTER TABLE "owner" DROP CONSTRAINT "PK_2eb818d73a74212a6def1da30c1"`);
        await queryRunner.query(`ALTER TABLE "owner" ADD CONSTRAINT "PK_8e86b6b9f94aece7d12d465dc0c" PRIMARY KEY ("id")`);
        await queryRunner.query(`ALTER TABLE "journey" DROP CONSTRAINT "PK_c43347a0edfe622af2ea798cb12"`);
        await queryRunner.query(`ALTER TABLE "journey" ADD CONSTRAINT "PK_0dfc23b6e61590ef493cf3adcde" PRIMARY KEY ("id")`);
        await queryRunner.query(`ALTER TABLE "segment" DROP CONSTRAINT "PK_ef85eaa90977028b105aa52a7d0"`);
        await queryRunner.query(`ALTER TABLE "segment" ADD CONSTRAINT "PK_d648ac58d8e0532689dfb8ad7ef" PRIMARY KEY ("id")`);
        await queryRunner.query(`ALTER TABLE "tier" DROP CONSTRAINT "PK_f3f42e8b2cf00b217afabdc1173"`);
        await queryRunner.query(`ALTER TABLE "tier" ADD CONSTRAINT "PK_14d67ceef0dbea040e39e97e7f6" PRIMARY KEY ("id")`);
        await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "PK_2c8207e93435f1e7c8deb8d261d"`);
        await queryRunner.query(`ALTER TABLE "api_key" ADD CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id")`);
        await queryRunner.query(`ALTER TABLE "partner" DROP CONSTRAINT "PK_873aab3bfa4d95f27a9d8dbb260"`);
        await queryRunner.query(`ALTER TABLE "partner" ADD CONSTRAINT "PK_8f34ff11ddd5459eacbfacd48ca" PRIMARY KEY ("id")`);
        await queryRunner.query(`ALTER TABLE "order" ADD CONSTRAINT "UQ_63b85815889324cc53f6223e3ef" UNIQUE ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "customer" ADD CONSTRAINT "UQ_3483539d2dc94241b16ceb01f1c" UNIQUE ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "segment" ADD CONSTRAINT "UQ_ef85eaa90977028b105aa52a7d0" UNIQUE ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "metric_value" ADD CONSTRAINT "FK_9d5c3f1c12c546cd5a93f59923c" FOREIGN KEY ("tier_id") REFERENCES "tier"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "metric_value" ADD CONSTRAINT "FK_f998f610636d982fdacbdde309c" FOREIGN KEY ("metric_id") REFERENCES "metric"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "metric_link" ADD CONSTRAINT "FK_2b37b275e1621b21a28c56c7eb6" FOREIGN KEY ("parent_id") REFERENCES "metric"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "metric_link" ADD CONSTRAINT "FK_24163f0c5a389b5f6ba9c41df16" FOREIGN KEY ("child_id") REFERENCES "metric"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "target" ADD CONSTRAINT "FK_68482613ae993e764562b3aaccf" FOREIGN KEY ("tier_id") REFERENCES "tier"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "target" ADD CONSTRAINT "FK_003876ef73f4b3a466fe3ac5b83" FOREIGN KEY ("metric_id") REFERENCES "metric"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "order" ADD CONSTRAINT "FK_07df9935d64dcc9608f2a3ce633" FOREIGN KEY ("touchpoint_id") REFERENCES "touchpoint"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "order" ADD CONSTRAINT "FK_167d5c278a5060bf17f22ba6f74" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "event" ADD CONSTRAINT "FK_1f72b4e95d818be8d6ec368b119" FOREIGN KEY ("phase_id") REFERENCES "phase"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "event" ADD CONSTRAINT "FK_61c3dfe0593eafa4624e16a2ffa" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "event" ADD CONSTRAINT "FK_1269e9b9f57c2d102fa416363f8" FOREIGN KEY ("touchpoint_id") REFERENCES "touchpoint"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "event" ADD CONSTRAINT "FK_749c21609b0a354043ed0577dc5" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "survey" ADD CONSTRAINT "FK_41587ef44c83bb5daf798b94be8" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invoice" ADD CONSTRAINT "FK_2e6c81055e67a7f4791c887b56f" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cost" ADD CONSTRAINT "FK_185ac14a638c7b389d09e373c05" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cost" ADD CONSTRAINT "FK_749569956f6adf495e6d3706c2b" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "revenue" ADD CONSTRAINT "FK_e8ec61caed5797a9604c2d4bf86" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "customer" ADD CONSTRAINT "FK_fc82bb599b988e2ba9ac375f4d9" FOREIGN KEY ("acquisition_campaign_id") REFERENCES "campaign"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "customer" ADD CONSTRAINT "FK_26d2ad3785d594fb3376a6222b8" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "customer" ADD CONSTRAINT "FK_1d590b9e40a2c8ff2b09687cb8b" FOREIGN KEY ("tier_id") REFERENCES "tier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "touchpoint" ADD CONSTRAINT "FK_fdbb8a4a9cf68c0529df9708c6d" FOREIGN KEY ("phase_id") REFERENCES "phase"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "process" ADD CONSTRAINT "FK_880b6298091c8f5a74db30efe1d" FOREIGN KEY ("phase_id") REFERENCES "phase"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "metric" ADD CONSTRAINT "FK_cbaf8b0ebb7c2e8ba87df3b6670" FOREIGN KEY ("owner_id") REFERENCES "owner"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "metric" ADD CONSTRAINT "FK_b9c9f22cb1bee5b2a220f1760c9" FOREIGN KEY ("phase_id") REFERENCES "phase"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "phase" ADD CONSTRAINT "FK_22bb6f8ad77674a9702035499ea" FOREIGN KEY ("owner_id") REFERENCES "owner"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "phase" ADD CONSTRAINT "FK_79f452fcfc6950c5405ba2828a0" FOREIGN KEY ("journey_id") REFERENCES "journey"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "api_key" ADD CONSTRAINT "FK_466c829059540fb7567ddff9a8b" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "customer" ADD CONSTRAINT "FK_7af0b6a33c1d905e5271f24ef63" FOREIGN KEY ("segment_id", "workspace_id") REFERENCES "segment"("id","workspace_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "order" ADD CONSTRAINT "FK_e6c297b2075773c00d1fa8748b2" FOREIGN KEY ("customer_id", "workspace_id") REFERENCES "customer"("id","workspace_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "refund" ADD CONSTRAINT "FK_bc339de98cee73ce83b9f50e25a" FOREIGN KEY ("order_id", "workspace_id") REFERENCES "order"("id","workspace_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

}
