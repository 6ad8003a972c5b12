import type { DataSource, EntityManager } from 'typeorm';
import { badInput, notFound } from '../../core/errors';
import { isUuid } from '../../core/loader-factories';
import { retriedTransaction } from '../../db/transaction';
import { Workspace } from './workspace.entity';
import { ApiKey } from './api-key.entity';
import { Role } from '../../core/role.enum';
import { formatKey, hashSecret, newSecret } from './api-key.secret';
import { Tier } from '../customers/tier.entity';
import { Segment } from '../customers/segment.entity';
import { Partner } from '../customers/partner.entity';
import { CUSTOMER_EQUITY_METRIC, Metric } from '../metrics/metric.entity';
import type { CreateApiKeyInput, UpdateWorkspaceInput } from './dtos/workspace.inputs';
import { lockKpiAggregates, startKpiAggregateBuild, startKpiAggregates } from '../kpi/aggregates/kpi-aggregates';

/** The four tiers a workspace starts with (editable afterwards). */
export const DEFAULT_TIERS = [
  { key: 'strategic', name: 'Strategic', rank: 1 },
  { key: 'enterprise', name: 'Enterprise', rank: 2 },
  { key: 'growth', name: 'Growth', rank: 3 },
  { key: 'scale', name: 'Scale', rank: 4 },
];

/** The three segments a workspace starts with (editable afterwards): the company sizes the API had before segments were the workspace's own. */
export const DEFAULT_SEGMENTS = [
  { key: 'ENTERPRISE', name: 'Enterprise', rank: 1 },
  { key: 'MID_MARKET', name: 'Mid-market', rank: 2 },
  { key: 'SMB', name: 'Small and medium businesses', rank: 3 },
];

export interface NewWorkspace {
  workspace: Workspace;
  adminKey: string;
}

export class WorkspaceService {
  constructor(
    private readonly dataSource: DataSource,
    /** Told of a key this instance changed, once the change is committed (the authenticator's cache drops it). */
    private readonly keyChanged: (keyId: string) => void = () => undefined,
  ) {}

  /** A workspace with its default tiers and segments, its customer_equity metric and a first ADMIN key (used by `npm run workspace:create` and the demo). */
  async createWorkspace(input: { name: string; currency?: string; fiscalYearStartMonth?: number }): Promise<NewWorkspace> {
    return this.dataSource.transaction(async (em) => {
      const workspace = await em.getRepository(Workspace).save(
        em.getRepository(Workspace).create({
          name: input.name,
          currency: input.currency ?? 'USD',
          fiscalYearStartMonth: input.fiscalYearStartMonth ?? 1,
        }),
      );
      await em.getRepository(Tier).insert(DEFAULT_TIERS.map((t) => ({ ...t, workspaceId: workspace.id })));
      await em.getRepository(Segment).insert(DEFAULT_SEGMENTS.map((s) => ({ ...s, workspaceId: workspace.id })));
      await em.getRepository(Metric).insert({ ...CUSTOMER_EQUITY_METRIC, workspaceId: workspace.id });
      const { key } = await this.issueKey(em, workspace.id, 'First admin key', Role.ADMIN, null);
      // Its KPI aggregates are current from the start (it has no facts): every write through the API keeps them so.
      await startKpiAggregates(em, workspace.id);
      return { workspace, adminKey: key };
    });
  }

  async get(workspaceId: string): Promise<Workspace> {
    return this.dataSource.getRepository(Workspace).findOneOrFail({ where: { id: workspaceId } });
  }

  /**
   * Changes the settings. The business model and the activity window change what every KPI of the workspace is computed from,
   * so a change of either bumps the data version in the same transaction: every cached KPI result (on every instance, and a
   * read replica until it has replayed the change) is then out of date at once, as after a write of facts.
   */
  async update(workspaceId: string, input: UpdateWorkspaceInput): Promise<Workspace> {
    return retriedTransaction(this.dataSource, async (em) => {
      const repo = em.getRepository(Workspace);
      // The KPI aggregates' lock before the workspace row, in the order every write of facts takes them.
      await lockKpiAggregates(em, workspaceId);
      const workspace = await repo.findOneOrFail({ where: { id: workspaceId }, lock: { mode: 'pessimistic_write' } });
      const changes: Partial<Workspace> = {};
      if (input.name !== undefined) changes.name = input.name;
      if (input.currency !== undefined) changes.currency = input.currency.toUpperCase();
      if (input.fiscalYearStartMonth !== undefined) changes.fiscalYearStartMonth = input.fiscalYearStartMonth;
      if (input.dataCompleteThrough !== undefined) changes.dataCompleteThrough = input.dataCompleteThrough;
      if (input.businessModel !== undefined) changes.businessModel = input.businessModel;
      if (input.activityWindowMonths !== undefined) changes.activityWindowMonths = input.activityWindowMonths;
      if (Object.keys(changes).length > 0) await repo.update({ id: workspaceId }, changes);
      const modelChanged =
        (changes.businessModel !== undefined && changes.businessModel !== workspace.businessModel) ||
        (changes.activityWindowMonths !== undefined && changes.activityWindowMonths !== workspace.activityWindowMonths);
      if (modelChanged) await em.query(`UPDATE workspace SET data_version = data_version + 1 WHERE id = $1`, [workspaceId]);
      // The KPI aggregates are computed under the model, the window and the fiscal year (its quarters and years): when one of
      // them changes, they are emptied in this transaction, so that no read sees them under other settings, and built again
      // in the background a month at a time (KpiAggregateBuilder); meanwhile KPIs are computed from the facts.
      const fiscalChanged = changes.fiscalYearStartMonth !== undefined && changes.fiscalYearStartMonth !== workspace.fiscalYearStartMonth;
      if (modelChanged || fiscalChanged) await startKpiAggregateBuild(em, workspaceId, { onlyIfKept: true });
      return repo.findOneOrFail({ where: { id: workspaceId } });
    });
  }

  listKeys(workspaceId: string): Promise<ApiKey[]> {
    return this.dataSource.getRepository(ApiKey).find({ where: { workspaceId }, order: { createdAt: 'ASC' } });
  }

  async createKey(workspaceId: string, input: CreateApiKeyInput): Promise<{ apiKey: ApiKey; key: string }> {
    let partnerId: string | null = null;
    if (input.role === Role.PARTNER) {
      if (!input.partner) throw badInput([{ path: 'partner', message: 'a PARTNER key needs the external id of its partner' }]);
      const partner = await this.dataSource.getRepository(Partner).findOne({ where: { workspaceId, externalId: input.partner } });
      if (!partner) throw badInput([{ path: 'partner', message: `no partner with external id "${input.partner}" in this workspace` }]);
      partnerId = partner.id;
    } else if (input.partner) {
      throw badInput([{ path: 'partner', message: 'only a PARTNER key names a partner' }]);
    }
    return this.issueKey(this.dataSource.manager, workspaceId, input.name, input.role, partnerId);
  }

  async revokeKey(workspaceId: string, id: string): Promise<ApiKey> {
    const repo = this.dataSource.getRepository(ApiKey);
    const key = isUuid(id) ? await repo.findOne({ where: { workspaceId, id } }) : null;
    if (!key) throw notFound('API key', id);
    if (!key.revokedAt) {
      key.revokedAt = new Date();
      await repo.save(key);
      this.keyChanged(key.id);
    }
    return key;
  }

  async partnerExternalId(workspaceId: string, partnerId: string | null): Promise<string | null> {
    if (!partnerId) return null;
    const partner = await this.dataSource.getRepository(Partner).findOne({ where: { workspaceId, id: partnerId } });
    return partner?.externalId ?? null;
  }

  private async issueKey(em: EntityManager, workspaceId: string, name: string, role: Role, partnerId: string | null) {
    const repo = em.getRepository(ApiKey);
    const id = crypto.randomUUID();
    const secret = newSecret();
    const key = formatKey(id, secret);
    const apiKey = await repo.save(
      repo.create({ id, workspaceId, name, role, partnerId, secretHash: hashSecret(secret), preview: `${key.slice(0, 14)}…` }),
    );
    return { apiKey, key };
  }
}
