import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { Workspace } from '../modules/workspaces/workspace.entity';
import { ApiKey } from '../modules/workspaces/api-key.entity';
import { Role } from '../core/role.enum';
import { parseKey, secretMatches } from '../modules/workspaces/api-key.secret';
import { JourneyTemplate, OwnerFunction } from '../modules/journeys/journey.enums';
import type { Services } from '../core/context';
import { ServiceSink, seedWorkspace } from './generator/writer';
import { createDemoChain } from './demo-chain';

export const DEMO_WORKSPACE_NAME = 'JourneyGraph Demo';

/** The demo's generated customers and facts (src/demo/generator): small enough to keep the first start short. */
export const DEMO_DATASET = { customers: 300, months: 24, seed: 42 };

export interface DemoKeys {
  workspaceId: string;
  adminKey: string;
  viewerKey: string;
}

const DEMO_OWNERS: { phaseKey: string; name: string; function: OwnerFunction; email: string }[] = [
  { phaseKey: 'contact', name: 'Demand Generation', function: OwnerFunction.MARKETING, email: 'demand@demo.example' },
  { phaseKey: 'consideration', name: 'Sales Development', function: OwnerFunction.SALES, email: 'sales@demo.example' },
  { phaseKey: 'purchase', name: 'Onboarding Team', function: OwnerFunction.CUSTOMER_SUCCESS, email: 'onboarding@demo.example' },
  { phaseKey: 'post_purchase', name: 'Customer Support', function: OwnerFunction.SUPPORT, email: 'support@demo.example' },
  { phaseKey: 'loyalty', name: 'Customer Success', function: OwnerFunction.CUSTOMER_SUCCESS, email: 'success@demo.example' },
];

/**
 * The demo workspace of `npm start`: the five-phase B2B journey of the seed, each phase with an owner, and the demo metric chain
 * (demo-chain.ts) with twelve months of values and approved targets per tier.
 * Its ADMIN and VIEWER keys are kept in a file beside the data (secrets are stored only hashed in the database),
 * so that every start can print them; keys that no longer work are replaced.
 */
export async function ensureDemoWorkspace(dataSource: DataSource, services: Services, keysFile: string): Promise<DemoKeys> {
  let workspace = await dataSource.getRepository(Workspace).findOne({ where: { name: DEMO_WORKSPACE_NAME } });
  if (!workspace) {
    const created = await services.workspaces.createWorkspace({ name: DEMO_WORKSPACE_NAME, currency: 'USD' });
    workspace = created.workspace;
    const journey = await services.journeys.createJourney(workspace.id, {
      name: 'B2B customer lifecycle',
      description: 'From first contact to loyalty and advocacy.',
      template: JourneyTemplate.B2B_LIFECYCLE,
    });
    const phases = await dataSource.query(`SELECT id, key FROM phase WHERE journey_id = $1`, [journey.id]);
    const phaseId = new Map<string, string>(phases.map((p: { id: string; key: string }) => [p.key, p.id]));
    for (const o of DEMO_OWNERS) {
      const owner = await services.journeys.createOwner(workspace.id, { name: o.name, function: o.function, email: o.email });
      await services.journeys.updatePhase(workspace.id, phaseId.get(o.phaseKey)!, { ownerId: owner.id });
    }
    await seedWorkspace(new ServiceSink(dataSource, services, workspace.id), DEMO_DATASET);
    await createDemoChain(dataSource, services, workspace.id);
  }

  const saved = readKeys(keysFile);
  if (saved && saved.workspaceId === workspace.id && (await keysWork(dataSource, saved))) return saved;

  const admin = await services.workspaces.createKey(workspace.id, { name: 'Demo admin key', role: Role.ADMIN });
  const viewer = await services.workspaces.createKey(workspace.id, { name: 'Demo viewer key', role: Role.VIEWER });
  const keys = { workspaceId: workspace.id, adminKey: admin.key, viewerKey: viewer.key };
  fs.mkdirSync(path.dirname(keysFile), { recursive: true });
  fs.writeFileSync(keysFile, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600 });
  return keys;
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
