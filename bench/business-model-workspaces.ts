import type { DataSource } from 'typeorm';
import type { Services } from '../src/core/context';
import { Role } from '../src/core/role.enum';
import { BusinessModel } from '../src/modules/workspaces/workspace.enums';
import { generateDataset, generateOrders } from '../test/helpers/kpi-dataset';

export interface SetWiseWorkspace {
  workspaceId: string;
  viewerKey: string;
  rows: Record<string, number>;
  generationSeconds: number;
}

/**
 * The benchmark's business-model pair: two workspaces of the same size as the first one (as many customers over the same
 * months), written set-wise with generate_series by the generator the tests use (test/helpers/kpi-dataset.ts), with the same
 * customers, costs, phases, events, surveys and invoices:
 * - `subscription`: SUBSCRIPTION, with the generator's revenue rows (recurring revenue, services, one-time sales);
 * - `transactional`: TRANSACTIONAL with an activity window of 12 months, no revenue rows but the orders and refunds of shoppers
 *   who buy about three times a year (generateOrders: several orders in a month, refunds, lapses and returns).
 * The matrix on the one against the other is the cost of the run rate on like data; ingestion is measured on the first workspace.
 */
export async function createBusinessModelPair(
  dataSource: DataSource,
  services: Services,
  dataset: { customers: number; months: number; start: string },
): Promise<{ subscription: SetWiseWorkspace; transactional: SetWiseWorkspace }> {
  const create = (name: string, model: BusinessModel) => createSetWiseWorkspace(dataSource, services, name, model, dataset);
  const subscription = await create('Benchmark set-wise subscription', BusinessModel.SUBSCRIPTION);
  const transactional = await create('Benchmark shop', BusinessModel.TRANSACTIONAL);
  await dataSource.query('ANALYZE');
  return { subscription, transactional };
}

/**
 * One set-wise workspace of the business-model pair: a SUBSCRIPTION workspace with the generator's revenue rows, or a
 * TRANSACTIONAL one (activity window 12 months) with orders and refunds instead; both with the same customers, costs, phases,
 * events, surveys and invoices (test/helpers/kpi-dataset.ts). Used by the pair above and by the scale benchmark (bench/scale.ts).
 */
export async function createSetWiseWorkspace(
  dataSource: DataSource,
  services: Services,
  name: string,
  model: BusinessModel,
  dataset: { customers: number; months: number; start: string },
  /** Where the facts are written (generateDataset, generateOrders): by default `dataSource`; the scale benchmark's skips the triggers. */
  factsDataSource: DataSource = dataSource,
): Promise<SetWiseWorkspace & { adminKey: string }> {
  const started = Date.now();
  const { workspace, adminKey } = await services.workspaces.createWorkspace({ name });
  await services.workspaces.update(workspace.id, { businessModel: model, activityWindowMonths: 12 });
  const viewerKey = (await services.workspaces.createKey(workspace.id, { name: `${name} viewer`, role: Role.VIEWER })).key;
  const journey = await services.journeys.createJourney(workspace.id, { name: 'Customer journey', template: 'B2B_LIFECYCLE' } as never);
  const phases: { id: string }[] = await dataSource.query('SELECT id FROM phase WHERE journey_id = $1 ORDER BY position', [journey.id]);
  const transactional = model === BusinessModel.TRANSACTIONAL;
  await generateDataset(factsDataSource, workspace.id, { ...dataset, phaseIds: phases.map((p) => p.id), withoutRevenue: transactional });
  if (transactional) await generateOrders(factsDataSource, workspace.id, dataset);
  const [rows] = await dataSource.query(
    `SELECT (SELECT count(*) FROM customer WHERE workspace_id = $1)::int AS customers, (SELECT count(*) FROM revenue WHERE workspace_id = $1)::int AS revenue,
       (SELECT count(*) FROM "order" WHERE workspace_id = $1)::int AS orders, (SELECT count(*) FROM refund WHERE workspace_id = $1)::int AS refunds,
       (SELECT count(*) FROM cost WHERE workspace_id = $1)::int AS costs, (SELECT count(*) FROM event WHERE workspace_id = $1)::int AS events,
       (SELECT count(*) FROM survey WHERE workspace_id = $1)::int AS surveys, (SELECT count(*) FROM invoice WHERE workspace_id = $1)::int AS invoices`,
    [workspace.id],
  );
  return { workspaceId: workspace.id, viewerKey, adminKey, rows, generationSeconds: Math.round((Date.now() - started) / 100) / 10 };
}
