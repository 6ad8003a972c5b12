import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { Workspace } from '../modules/workspaces/workspace.entity';
import { ApiKey } from '../modules/workspaces/api-key.entity';
import { Role } from '../core/role.enum';
import { parseKey, secretMatches } from '../modules/workspaces/api-key.secret';
import type { Services } from '../core/context';
import type { DatasetModel, DatasetOptions } from './generator/dataset';
import { SAAS_MODEL } from './generator/dataset';
import { CLOTHIER_MODEL } from './generator/clothier';
import { ServiceSink, seedWorkspace } from './generator/writer';
import { B2B_CHAIN, CLOTHIER_CHAIN, createDemoChain, type DemoChain } from './demo-chain';
import { demoWindow, type DemoWindow } from './demo-window';
import { rebuildKpiAggregates, suspendKpiAggregates } from '../modules/kpi/aggregates/kpi-aggregates';

/** One demo workspace of `npm start`: its name, currency, generated dataset (src/demo/generator) and metric chain. */
export interface Demo {
  id: 'b2b' | 'clothier';
  name: string;
  currency: string;
  /** The months are the 24 up to the last complete month before the day the demo is made (demo-window.ts): current on that day. */
  dataset: Omit<DatasetOptions, 'endMonth' | 'startMonth'>;
  model: DatasetModel;
  chain: DemoChain;
}

/** The B2B SaaS demo (subscriptions): small enough to keep the first start short. */
export const B2B_DEMO: Demo = {
  id: 'b2b',
  name: 'JourneyGraph Demo',
  currency: 'USD',
  dataset: { customers: 300, months: 24, seed: 42 },
  model: SAAS_MODEL,
  chain: B2B_CHAIN,
};

/** The online clothier (orders and returns, TRANSACTIONAL): thousands of shoppers over the same months as the B2B demo. */
export const CLOTHIER_DEMO: Demo = {
  id: 'clothier',
  name: 'JourneyGraph Demo: online clothier',
  currency: 'EUR',
  dataset: { customers: 5000, months: 24, seed: 42 },
  model: CLOTHIER_MODEL,
  chain: CLOTHIER_CHAIN,
};

export const DEMOS = [B2B_DEMO, CLOTHIER_DEMO];
export const DEMO_WORKSPACE_NAME = B2B_DEMO.name;
export const DEMO_DATASET = B2B_DEMO.dataset;

export interface DemoKeys {
  workspaceId: string;
  adminKey: string;
  viewerKey: string;
}

/**
 * A demo workspace made on `today` (the B2B one by default): its journey (made from its template), each phase with an owner, the
 * generated customers and facts of the 24 months up to the last complete one, and its metric chain (demo-chain.ts) with recorded
 * values and approved targets — monthly, quarterly and yearly, for the workspace and each tier — over the same months and the
 * periods in progress. Returns its id and months.
 */
export async function createDemoWorkspace(
  dataSource: DataSource,
  services: Services,
  options: { name?: string; today?: Date; demo?: Demo } = {},
): Promise<{ workspaceId: string; window: DemoWindow }> {
  const demo = options.demo ?? B2B_DEMO;
  const window = demoWindow(demo.dataset.months, options.today);
  const { workspace } = await services.workspaces.createWorkspace({ name: options.name ?? demo.name, currency: demo.currency });
  // A bulk load: the KPI aggregates are computed once at the end rather than kept batch by batch.
  await dataSource.transaction((em) => suspendKpiAggregates(em, workspace.id));
  // The sink makes the journey and its owners before the facts that name its phases and touchpoints.
  await seedWorkspace(new ServiceSink(dataSource, services, workspace.id), { ...demo.dataset, endMonth: window.end }, { model: demo.model });
  await dataSource.transaction((em) => rebuildKpiAggregates(em, workspace.id));
  await createDemoChain(dataSource, services, workspace.id, window, demo.chain);
  return { workspaceId: workspace.id, window };
}

export type DemoStart = DemoKeys & { demo: Demo; months: { first: string; last: string } };

/**
 * The demo workspaces of `npm start` (DEMOS), each made on the first start (createDemoWorkspace) and found by name afterwards.
 * Their ADMIN and VIEWER keys are kept in a file beside the data (secrets are stored only hashed in the database), so that every
 * start can print them; keys that no longer work are replaced.
 */
export async function ensureDemoWorkspaces(dataSource: DataSource, services: Services, keysFile: string, demos = DEMOS): Promise<DemoStart[]> {
  const saved = readKeys(keysFile);
  const started: DemoStart[] = [];
  for (const demo of demos) {
    let workspace = await dataSource.getRepository(Workspace).findOne({ where: { name: demo.name } });
    if (!workspace) {
      const { workspaceId } = await createDemoWorkspace(dataSource, services, { demo });
      workspace = await dataSource.getRepository(Workspace).findOneOrFail({ where: { id: workspaceId } });
    }
    const months = await monthsOfData(dataSource, workspace.id);
    let keys = saved[demo.id];
    if (!keys || keys.workspaceId !== workspace.id || !(await keysWork(dataSource, keys.workspaceId, keys))) {
      const admin = await services.workspaces.createKey(workspace.id, { name: 'Demo admin key', role: Role.ADMIN });
      const viewer = await services.workspaces.createKey(workspace.id, { name: 'Demo viewer key', role: Role.VIEWER });
      keys = { workspaceId: workspace.id, adminKey: admin.key, viewerKey: viewer.key };
      saved[demo.id] = keys;
      fs.mkdirSync(path.dirname(keysFile), { recursive: true });
      fs.writeFileSync(keysFile, JSON.stringify(saved, null, 2) + '\n', { mode: 0o600 });
    }
    started.push({ ...keys, demo, months });
  }
  return started;
}

/** The first and last month with revenue rows or orders: what the start-up message tells about a demo's data. */
async function monthsOfData(dataSource: DataSource, workspaceId: string): Promise<{ first: string; last: string }> {
  const [row]: { first: string; last: string }[] = await dataSource.query(
    `SELECT to_char(min(month), 'YYYY-MM-DD') AS first, to_char(max(month), 'YYYY-MM-DD') AS last FROM (
       SELECT month FROM revenue WHERE workspace_id = $1
       UNION ALL SELECT date_trunc('month', ordered_at AT TIME ZONE 'UTC')::date FROM "order" WHERE workspace_id = $1) AS months`,
    [workspaceId],
  );
  return row;
}

/** The saved keys per demo; a file of the single-demo days (one set of keys at the top) holds the B2B demo's. */
function readKeys(file: string): Partial<Record<Demo['id'], DemoKeys>> {
  try {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Record<Demo['id'], DemoKeys>> & Partial<DemoKeys>;
    return saved.workspaceId ? { b2b: saved as DemoKeys } : saved;
  } catch {
    return {};
  }
}

async function keysWork(dataSource: DataSource, workspaceId: string, keys: DemoKeys): Promise<boolean> {
  for (const key of [keys.adminKey, keys.viewerKey]) {
    const parsed = parseKey(key);
    if (!parsed) return false;
    const row = await dataSource.getRepository(ApiKey).findOne({ where: { workspaceId, id: parsed.id } });
    if (!row || row.revokedAt || !secretMatches(parsed.secret, row.secretHash)) return false;
  }
  return true;
}
