import type { DataSource } from 'typeorm';
import type { Services } from '../src/core/context';
import { Role } from '../src/core/role.enum';
import { BusinessModel } from '../src/modules/workspaces/workspace.enums';
import { generateDataset, generateOrders } from '../test/helpers/kpi-dataset';

/**
 * The benchmark's second workspace: a business that sells by order (TRANSACTIONAL, an activity window of 12 months), of the same
 * size as the subscription one — as many customers over the same months — with the orders and refunds of shoppers who buy
 * about three times a year (test/helpers/kpi-dataset.ts generateOrders: several orders in a month, refunds, lapses and returns),
 * costs, phases, events, surveys and invoices, and no revenue rows. Written set-wise with generate_series: ingestion is
 * measured on the first workspace.
 */
export async function createTransactionalWorkspace(
  dataSource: DataSource,
  services: Services,
  dataset: { customers: number; months: number; start: string },
): Promise<{ workspaceId: string; viewerKey: string; rows: Record<string, number> }> {
  const { workspace } = await services.workspaces.createWorkspace({ name: 'Benchmark shop' });
  await services.workspaces.update(workspace.id, { businessModel: BusinessModel.TRANSACTIONAL, activityWindowMonths: 12 });
  const viewerKey = (await services.workspaces.createKey(workspace.id, { name: 'Benchmark shop viewer', role: Role.VIEWER })).key;
  const journey = await services.journeys.createJourney(workspace.id, { name: 'Shopper journey', template: 'B2B_LIFECYCLE' } as never);
  const phases: { id: string }[] = await dataSource.query('SELECT id FROM phase WHERE journey_id = $1 ORDER BY position', [journey.id]);
  await generateDataset(dataSource, workspace.id, { ...dataset, phaseIds: phases.map((p) => p.id), withoutRevenue: true });
  await generateOrders(dataSource, workspace.id, dataset);
  const [rows] = await dataSource.query(
    `SELECT (SELECT count(*) FROM customer WHERE workspace_id = $1)::int AS customers, (SELECT count(*) FROM "order" WHERE workspace_id = $1)::int AS orders,
       (SELECT count(*) FROM refund WHERE workspace_id = $1)::int AS refunds, (SELECT count(*) FROM cost WHERE workspace_id = $1)::int AS costs,
       (SELECT count(*) FROM event WHERE workspace_id = $1)::int AS events`,
    [workspace.id],
  );
  return { workspaceId: workspace.id, viewerKey, rows };
}
