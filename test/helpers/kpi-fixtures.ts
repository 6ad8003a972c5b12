import type { DataSource } from 'typeorm';
import type { TestServer } from './test-server';

export interface CustomerSpec {
  tier?: string;
  segment?: 'ENTERPRISE' | 'MID_MARKET' | 'SMB';
  region?: string;
  channel?: 'DIRECT' | 'PARTNER';
  partner?: string;
  campaign?: string;
  acquiredOn?: string;
}

let sequence = 0;
const nextId = (prefix: string) => `${prefix}-${process.pid}-${++sequence}`;

/**
 * Facts written straight into the tables of one test workspace (the ingestion mutations live on another branch).
 * Customers, partners, campaigns and phases are named by external id or key, as the facts name them.
 */
export class KpiFixtures {
  readonly customers = new Map<string, string>();
  private readonly partners = new Map<string, string>();
  private readonly campaigns = new Map<string, string>();
  phases = new Map<string, string>();
  journeyId = '';

  constructor(
    readonly dataSource: DataSource,
    readonly workspaceId: string,
  ) {}

  static async create(
    server: TestServer,
    options: { fiscalYearStartMonth?: number; businessModel?: 'SUBSCRIPTION' | 'TRANSACTIONAL'; activityWindowMonths?: number } = {},
  ) {
    const ws = await server.workspace();
    const fixtures = new KpiFixtures(server.dataSource, ws.id);
    if (options.fiscalYearStartMonth) {
      await server.dataSource.query('UPDATE workspace SET fiscal_year_start_month = $1 WHERE id = $2', [options.fiscalYearStartMonth, ws.id]);
    }
    if (options.businessModel || options.activityWindowMonths) {
      await server.dataSource.query(
        'UPDATE workspace SET business_model = coalesce($1, business_model), activity_window_months = coalesce($2, activity_window_months) WHERE id = $3',
        [options.businessModel ?? null, options.activityWindowMonths ?? null, ws.id],
      );
    }
    return { fixtures, key: ws.adminKey };
  }

  private query(sql: string, params: unknown[]) {
    return this.dataSource.query(sql, params);
  }

  async partner(externalId: string): Promise<string> {
    if (!this.partners.has(externalId)) {
      const [row] = await this.query('INSERT INTO partner (workspace_id, external_id, name) VALUES ($1, $2, $2) RETURNING id', [
        this.workspaceId,
        externalId,
      ]);
      this.partners.set(externalId, row.id);
    }
    return this.partners.get(externalId)!;
  }

  async campaign(externalId: string): Promise<string> {
    if (!this.campaigns.has(externalId)) {
      const [row] = await this.query('INSERT INTO campaign (workspace_id, external_id, name) VALUES ($1, $2, $2) RETURNING id', [
        this.workspaceId,
        externalId,
      ]);
      this.campaigns.set(externalId, row.id);
    }
    return this.campaigns.get(externalId)!;
  }

  async customer(externalId: string, spec: CustomerSpec = {}): Promise<string> {
    const partnerId = spec.partner ? await this.partner(spec.partner) : null;
    const campaignId = spec.campaign ? await this.campaign(spec.campaign) : null;
    const [row] = await this.query(
      `INSERT INTO customer (workspace_id, external_id, name, tier_id, segment_id, region, country, channel, partner_id,
         acquisition_campaign_id, acquired_on)
       SELECT $1, $2, $2, t.id, s.id, $5, 'DE', $6, $7, $8, $9 FROM tier t JOIN segment s ON s.workspace_id = $1 AND s.key = $4
       WHERE t.workspace_id = $1 AND t.key = $3
       RETURNING id`,
      [
        this.workspaceId,
        externalId,
        spec.tier ?? 'growth',
        spec.segment ?? 'SMB',
        spec.region ?? 'EMEA',
        spec.channel ?? (spec.partner ? 'PARTNER' : 'DIRECT'),
        partnerId,
        campaignId,
        spec.acquiredOn ?? null,
      ],
    );
    this.customers.set(externalId, row.id);
    return row.id;
  }

  private id(customer: string): string {
    const id = this.customers.get(customer);
    if (!id) throw new Error(`no customer ${customer} in the fixtures`);
    return id;
  }

  /** RECURRING revenue: `{ '2025-01': 100, ... }`. */
  async mrr(customer: string, months: Record<string, number>) {
    for (const [month, amount] of Object.entries(months)) await this.revenue(customer, month, 'RECURRING', amount);
  }

  async revenue(customer: string, month: string, type: 'RECURRING' | 'ONE_TIME' | 'SERVICES', amount: number) {
    await this.query('INSERT INTO revenue (workspace_id, customer_id, month, type, amount) VALUES ($1, $2, $3, $4, $5)', [
      this.workspaceId,
      this.id(customer),
      `${month}-01`,
      type,
      amount,
    ]);
  }

  async cost(category: 'ACQUISITION' | 'RETENTION' | 'SERVICING' | 'COGS', month: string, amount: number, about: { customer?: string; campaign?: string } = {}) {
    const campaignId = about.campaign ? await this.campaign(about.campaign) : null;
    await this.query(
      'INSERT INTO cost (workspace_id, external_id, category, month, amount, customer_id, campaign_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [this.workspaceId, nextId('cost'), category, `${month}-01`, amount, about.customer ? this.id(about.customer) : null, campaignId],
    );
  }

  /** An order: `orderedAt` a time (ISO 8601). */
  async order(customer: string, externalId: string, orderedAt: string, amount: number) {
    await this.query('INSERT INTO "order" (workspace_id, external_id, customer_id, ordered_at, amount) VALUES ($1, $2, $3, $4, $5)', [
      this.workspaceId,
      externalId,
      this.id(customer),
      orderedAt,
      amount,
    ]);
  }

  /** A refund of the order with external id `order`. */
  async refund(order: string, externalId: string, refundedAt: string, amount: number) {
    await this.query(
      `INSERT INTO refund (workspace_id, external_id, order_id, refunded_at, amount)
       SELECT $1, $2, o.id, $4, $5 FROM "order" o WHERE o.workspace_id = $1 AND o.external_id = $3`,
      [this.workspaceId, externalId, order, refundedAt, amount],
    );
  }

  async invoice(customer: string, issuedOn: string, paidOn: string | null, amount: number) {
    await this.query(
      'INSERT INTO invoice (workspace_id, external_id, customer_id, issued_on, due_on, paid_on, amount) VALUES ($1, $2, $3, $4, $4, $5, $6)',
      [this.workspaceId, nextId('invoice'), this.id(customer), issuedOn, paidOn, amount],
    );
  }

  async survey(customer: string, kind: 'CSAT' | 'NPS', score: number, respondedAt: string) {
    await this.query(
      'INSERT INTO survey (workspace_id, external_id, customer_id, kind, score, responded_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [this.workspaceId, nextId('survey'), this.id(customer), kind, score, respondedAt],
    );
  }

  async event(customer: string, type: string, occurredAt: string, about: { phase?: string; campaign?: string } = {}) {
    const phaseId = about.phase ? this.phases.get(about.phase) : null;
    if (about.phase && !phaseId) throw new Error(`no phase ${about.phase}: call journey() first`);
    const campaignId = about.campaign ? await this.campaign(about.campaign) : null;
    await this.query(
      'INSERT INTO event (workspace_id, external_id, customer_id, type, occurred_at, phase_id, campaign_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [this.workspaceId, nextId('event'), this.id(customer), type, occurredAt, phaseId, campaignId],
    );
  }

  /** A journey of five phases (contact, consideration, purchase, post_purchase, loyalty, positions 1-5). */
  async journey(server: TestServer) {
    const journey = await server.app.services.journeys.createJourney(this.workspaceId, {
      name: nextId('journey'),
      template: 'B2B_LIFECYCLE',
    } as never);
    const phases: { id: string; key: string }[] = await this.query('SELECT id, key FROM phase WHERE workspace_id = $1 AND journey_id = $2', [this.workspaceId, journey.id]);
    this.phases = new Map(phases.map((p) => [p.key, p.id]));
    this.journeyId = journey.id;
    return journey.id;
  }
}

/** `kpis` through the API: `{ [kpi]: { [groupKey]: values by period } }`, the group key being its grouped values joined by "|". */
export async function kpiValues(
  server: TestServer,
  key: string,
  metrics: string[],
  period: { grain: string; from: string; to: string },
  groupBy: string[] = [],
  filter?: Record<string, string[]>,
): Promise<{ series: Record<string, Record<string, (number | null)[]>>; periods: string[]; statements: number }> {
  const res = await server.gql(
    `query($metrics: [KpiKey!]!, $period: PeriodInput!, $groupBy: [Dimension!], $filter: SegmentFilter) {
      kpis(metrics: $metrics, period: $period, groupBy: $groupBy, filter: $filter) {
        kpi group { tier segment region channel partner campaign phase } points { periodStart periodEnd value status }
      }
    }`,
    { metrics, period, groupBy, filter },
    key,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  const fields: Record<string, string> = {
    TIER: 'tier',
    SEGMENT: 'segment',
    REGION: 'region',
    CHANNEL: 'channel',
    PARTNER: 'partner',
    CAMPAIGN: 'campaign',
    PHASE: 'phase',
  };
  const series: Record<string, Record<string, (number | null)[]>> = {};
  let periods: string[] = [];
  for (const s of res.data!.kpis) {
    const groupKey = groupBy.map((d) => String(s.group[fields[d]])).join('|') || 'all';
    series[s.kpi] ??= {};
    series[s.kpi][groupKey] = s.points.map((p: { value: number | null }) => p.value);
    periods = s.points.map((p: { periodStart: string; periodEnd: string }) => `${p.periodStart}..${p.periodEnd}`);
  }
  return { series, periods, statements: Number(res.headers.get('x-sql-statements')) };
}

/**
 * The hand-made customers most KPI tests share.
 *
 * MRR by month (2025 unless noted; no row = 0):
 *            Jan  Feb  Mar  Apr  May  Jun  … Mar 2026
 *   alice    100  100  150  150  150  150  …  150      strategic   expands in Mar
 *   bob      200  200  120  120    -    -             growth      contracts in Mar (no churn), churns in May
 *   carol     50    -    -   80   80   80             growth      churns in Feb, reactivates in Apr
 *   dave       -    -  300  300  300  300             enterprise  new in Mar
 *   erin       -   60    -    -    -    -             scale       acquired and churned inside Q1
 */
export async function handMadeCustomers(fixtures: KpiFixtures) {
  await fixtures.customer('alice', { tier: 'strategic', segment: 'ENTERPRISE', acquiredOn: '2024-12-20' });
  await fixtures.customer('bob', { tier: 'growth', segment: 'MID_MARKET', region: 'NA', partner: 'p1' });
  await fixtures.customer('carol', { tier: 'growth' });
  await fixtures.customer('dave', { tier: 'enterprise', campaign: 'spring', acquiredOn: '2025-02-25' });
  await fixtures.customer('erin', { tier: 'scale', acquiredOn: '2025-02-01' });
  const alice: Record<string, number> = { '2025-01': 100, '2025-02': 100 };
  for (let m = 3; m <= 15; m++) alice[m <= 12 ? `2025-${String(m).padStart(2, '0')}` : `2026-${String(m - 12).padStart(2, '0')}`] = 150;
  await fixtures.mrr('alice', alice);
  await fixtures.mrr('bob', { '2025-01': 200, '2025-02': 200, '2025-03': 120, '2025-04': 120 });
  await fixtures.mrr('carol', { '2025-01': 50, '2025-04': 80, '2025-05': 80, '2025-06': 80 });
  await fixtures.mrr('dave', { '2025-03': 300, '2025-04': 300, '2025-05': 300, '2025-06': 300 });
  await fixtures.mrr('erin', { '2025-02': 60 });
}

