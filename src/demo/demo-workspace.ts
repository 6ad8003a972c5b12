import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { Workspace } from '../modules/workspaces/workspace.entity';
import { ApiKey } from '../modules/workspaces/api-key.entity';
import { Role } from '../core/role.enum';
import { parseKey, secretMatches } from '../modules/workspaces/api-key.secret';
import type { Services } from '../core/context';
import { ServiceSink, seedWorkspace } from './generator/writer';
import { createDemoChain } from './demo-chain';
import { demoWindow, type DemoWindow } from './demo-window';

export const DEMO_WORKSPACE_NAME = 'JourneyGraph Demo';

/**
 * The demo's generated customers and facts (src/demo/generator): small enough to keep the first start short. The months are the
 * 24 up to the last complete month before the day the demo is made (demo-window.ts), so the demo is current on that day.
 */
export const DEMO_DATASET = { customers: 300, months: 24, seed: 42 };

export interface DemoKeys {
  workspaceId: string;
  adminKey: string;
  viewerKey: string;
}

/**
 * A demo workspace made on `today`: the five-phase B2B journey of the seed, each phase with an owner, the generated customers and
 * facts of the 24 months up to the last complete one, and the demo metric chain (demo-chain.ts) with its recorded values and
 * approved targets — monthly, quarterly and yearly, for the workspace and each tier — over the same months and the periods in
 * progress. Returns its id and months.
 */
export async function createDemoWorkspace(
  dataSource: DataSource,
  services: Services,
  options: { name?: string; today?: Date } = {},
): Promise<{ workspaceId: string; window: DemoWindow }> {
  const window = demoWindow(DEMO_DATASET.months, options.today);
  const { workspace } = await services.workspaces.createWorkspace({ name: options.name ?? DEMO_WORKSPACE_NAME, currency: 'USD' });
  // The sink makes the B2B journey and its owners before the facts that name its phases and touchpoints.
  await seedWorkspace(new ServiceSink(dataSource, services, workspace.id), { ...DEMO_DATASET, endMonth: window.end });
  await createDemoChain(dataSource, services, workspace.id, window);
  return { workspaceId: workspace.id, window };
}

/**
 * The demo workspace of `npm start`, made on the first start (createDemoWorkspace). Its ADMIN and VIEWER keys are kept in a file
 * beside the data (secrets are stored only hashed in the database), so that every start can print them; keys that no longer work
 * are replaced.
 */
export async function ensureDemoWorkspace(dataSource: DataSource, services: Services, keysFile: string): Promise<DemoKeys & { months: { first: string; last: string } }> {
  let workspace = await dataSource.getRepository(Workspace).findOne({ where: { name: DEMO_WORKSPACE_NAME } });
  if (!workspace) {
    const { workspaceId } = await createDemoWorkspace(dataSource, services);
    workspace = await dataSource.getRepository(Workspace).findOneOrFail({ where: { id: workspaceId } });
  }
  const months = await monthsOfData(dataSource, workspace.id);

  const saved = readKeys(keysFile);
  if (saved && saved.workspaceId === workspace.id && (await keysWork(dataSource, saved))) return { ...saved, months };

  const admin = await services.workspaces.createKey(workspace.id, { name: 'Demo admin key', role: Role.ADMIN });
  const viewer = await services.workspaces.createKey(workspace.id, { name: 'Demo viewer key', role: Role.VIEWER });
  const keys = { workspaceId: workspace.id, adminKey: admin.key, viewerKey: viewer.key };
  fs.mkdirSync(path.dirname(keysFile), { recursive: true });
  fs.writeFileSync(keysFile, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600 });
  return { ...keys, months };
}

/** The first and last month with revenue: what the start-up message tells about the demo's data. */
async function monthsOfData(dataSource: DataSource, workspaceId: string): Promise<{ first: string; last: string }> {
  const [row]: { first: string; last: string }[] = await dataSource.query(
    `SELECT to_char(min(month), 'YYYY-MM-DD') AS first, to_char(max(month), 'YYYY-MM-DD') AS last FROM revenue WHERE workspace_id = $1`,
    [workspaceId],
  );
  return row;
}

function readKeys(file: string): DemoKeys | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as DemoKeys;
  } catch {
    return null;
  }
}

async function keysWork(dataSource: DataSource, keys: DemoKeys): Promise<boolean> {
  for (const key of [keys.adminKey, keys.viewerKey]) {
    const parsed = parseKey(key);
    if (!parsed) return false;
    const row = await dataSource.getRepository(ApiKey).findOne({ where: { id: parsed.id } });
    if (!row || row.revokedAt || !secretMatches(parsed.secret, row.secretHash)) return false;
  }
  return true;
}
