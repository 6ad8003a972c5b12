import { addMonths } from '../../core/period.calculator';
import { Random } from './random';

/**
 * A realistic B2B SaaS workspace as rows of the ingestion mutations (the GraphQL input fields, dates as strings), generated
 * deterministically from a seed. Pure: no I/O; the writer (writer.ts) sends the rows through the API's own ingestion code.
 *
 * The model behind the rows: every paying customer has a latent health that drifts from month to month (an AR(1) process).
 * Health drives what the customer does in a month (support tickets, CSAT answers, NPS, content downloads and shares, webinars,
 * reference calls, late payments, expansions and contractions) and, one month later, how likely it is to churn. So the
 * leading indicators of one period really do predict churn in the next one, as `indicatorImpact` should find.
 */

export type Segment = 'ENTERPRISE' | 'MID_MARKET' | 'SMB';

export interface TierRow { key: string; name: string; rank: number }
export interface NamedRow { externalId: string; name: string }
export interface CustomerRow {
  externalId: string;
  name: string;
  tier: string;
  segment: string;
  region: string | null;
  country: string | null;
  channel: 'DIRECT' | 'PARTNER';
  partner: string | null;
  acquisitionCampaign: string | null;
  acquiredOn: string | null;
}
export interface RevenueRow { customer: string; month: string; type: 'RECURRING' | 'ONE_TIME' | 'SERVICES'; amount: number }
export interface CostRow {
  externalId: string;
  category: 'ACQUISITION' | 'RETENTION' | 'SERVICING' | 'COGS';
  month: string;
  amount: number;
  customer: string | null;
  campaign: string | null;
}
export interface InvoiceRow { externalId: string; customer: string; issuedOn: string; dueOn: string; paidOn: string | null; amount: number }
export interface SurveyRow { externalId: string; customer: string; kind: 'CSAT' | 'NPS'; score: number; respondedAt: string }
export type EventKind =
  | 'CONTENT_DOWNLOAD'
  | 'CONTENT_SHARE'
  | 'EMAIL_OPEN'
  | 'EVENT_ATTENDED'
  | 'WEBINAR_ATTENDED'
  | 'SUPPORT_TICKET'
  | 'REFERENCE_CALL'
  | 'FIRST_VALUE'
  | 'PHASE_ENTERED';
export interface OrderRow { externalId: string; customer: string; orderedAt: string; amount: number; campaign: string | null; touchpoint: string | null }
export interface RefundRow { externalId: string; order: string; refundedAt: string; amount: number }
export interface EventRow {
  externalId: string;
  customer: string;
  type: EventKind;
  occurredAt: string;
  touchpoint: string | null;
  campaign: string | null;
  phase: string | null;
}

/** Rows of a run of customers (or, for the last chunk, the costs that name no customer). */
export interface DatasetChunk {
  customers: CustomerRow[];
  revenue: RevenueRow[];
  costs: CostRow[];
  invoices: InvoiceRow[];
  surveys: SurveyRow[];
  events: EventRow[];
  orders: OrderRow[];
  refunds: RefundRow[];
}

export const emptyChunk = (): DatasetChunk => ({ customers: [], revenue: [], costs: [], invoices: [], surveys: [], events: [], orders: [], refunds: [] });

export interface ReferenceData {
  tiers: TierRow[];
  /** The workspace's own segments; omitted: the defaults every workspace starts with. */
  segments?: TierRow[];
  partners: NamedRow[];
  campaigns: NamedRow[];
}

/** A journey owner of a generated workspace, accountable for one phase. */
export interface OwnerRow { phaseKey: string; name: string; function: 'MARKETING' | 'SALES' | 'CUSTOMER_SUCCESS' | 'SUPPORT' | 'FINANCE' | 'PRODUCT' | 'OPERATIONS' | 'PARTNER'; email: string }

/**
 * A kind of generated workspace: its settings, its journey (a template and an owner per phase) and its rows. The B2B SaaS
 * workspace below and the online clothier (clothier.ts) are two.
 */
export interface DatasetModel {
  name: string;
  settings: { businessModel: 'SUBSCRIPTION' | 'TRANSACTIONAL'; activityWindowMonths: number };
  journey: { name: string; description: string; template: 'B2B_LIFECYCLE' | 'B2C_RETAIL'; owners: OwnerRow[] };
  referenceData(options: DatasetOptions): ReferenceData;
  generateDataset(options: DatasetOptions, chunkSize?: number): Generator<DatasetChunk>;
}

export interface DatasetOptions {
  customers: number;
  months: number;
  seed: number;
  /**
   * Last month of the data (`YYYY-MM-01`); by default the last complete month before today (UTC), so that the data is current.
   * The same seed and end month always give the same rows.
   */
  endMonth?: string;
  /** First month of the data (`YYYY-MM-01`), instead of `endMonth`. */
  startMonth?: string;
}

interface TierProfile {
  key: string;
  name: string;
  rank: number;
  share: number;
  /** Median MRR of a new customer. */
  mrr: number;
  /** Monthly churn probability at neutral health. */
  churn: number;
  ticketsPerMonth: number;
  cac: number;
  setupFee: number;
  /** Months billed per invoice. */
  billingMonths: number;
  paymentTermDays: number;
  onboardingServices: number;
  medianDaysToValue: number;
  partnerShare: number;
  segments: { value: Segment; weight: number }[];
}

/** The four default tiers of a workspace, with their own sizes and prices. */
export const TIER_PROFILES: TierProfile[] = [
  {
    key: 'strategic', name: 'Strategic', rank: 1, share: 0.04, mrr: 16_000, churn: 0.002, ticketsPerMonth: 0.7, cac: 42_000,
    setupFee: 5_000, billingMonths: 1, paymentTermDays: 45, onboardingServices: 0.9, medianDaysToValue: 42, partnerShare: 0.05,
    segments: [{ value: 'ENTERPRISE', weight: 0.9 }, { value: 'MID_MARKET', weight: 0.1 }],
  },
  {
    key: 'enterprise', name: 'Enterprise', rank: 2, share: 0.14, mrr: 4_200, churn: 0.0035, ticketsPerMonth: 0.5, cac: 12_000,
    setupFee: 1_500, billingMonths: 1, paymentTermDays: 30, onboardingServices: 0.65, medianDaysToValue: 28, partnerShare: 0.15,
    segments: [{ value: 'ENTERPRISE', weight: 0.5 }, { value: 'MID_MARKET', weight: 0.5 }],
  },
  {
    key: 'growth', name: 'Growth', rank: 3, share: 0.32, mrr: 950, churn: 0.006, ticketsPerMonth: 0.35, cac: 3_200,
    setupFee: 400, billingMonths: 3, paymentTermDays: 30, onboardingServices: 0.25, medianDaysToValue: 18, partnerShare: 0.3,
    segments: [{ value: 'MID_MARKET', weight: 0.6 }, { value: 'SMB', weight: 0.4 }],
  },
  {
    key: 'scale', name: 'Scale', rank: 4, share: 0.5, mrr: 180, churn: 0.01, ticketsPerMonth: 0.25, cac: 520,
    setupFee: 0, billingMonths: 12, paymentTermDays: 14, onboardingServices: 0.03, medianDaysToValue: 9, partnerShare: 0.35,
    segments: [{ value: 'SMB', weight: 1 }],
  },
];

const REGIONS: { value: { region: string; countries: string[] }; weight: number }[] = [
  { value: { region: 'NA', countries: ['US', 'US', 'US', 'CA'] }, weight: 0.4 },
  { value: { region: 'EMEA', countries: ['DE', 'GB', 'FR', 'NL', 'SE', 'ES'] }, weight: 0.35 },
  { value: { region: 'APAC', countries: ['AU', 'JP', 'SG', 'IN'] }, weight: 0.17 },
  { value: { region: 'LATAM', countries: ['BR', 'MX', 'CL'] }, weight: 0.08 },
];

const PARTNERS: NamedRow[] = [
  'Northwind Consulting', 'Bluebird Resellers', 'Summit Systems Integration', 'Keystone Cloud Partners',
  'Harbor Digital', 'Atlas Solutions Group', 'Meridian VAR', 'Pinecrest Advisory',
].map((name, i) => ({ externalId: `partner-${String(i + 1).padStart(2, '0')}`, name }));

const CAMPAIGN_KINDS = [
  { key: 'webinar', name: 'webinar series' },
  { key: 'search', name: 'paid search' },
];

const NAME_FIRST = ['Acme', 'Blue', 'Cedar', 'Delta', 'Evergreen', 'Fjord', 'Granite', 'Harbor', 'Iris', 'Juniper', 'Kestrel', 'Lumen', 'Maple', 'Nimbus', 'Orion', 'Polar'];
const NAME_SECOND = ['Logistics', 'Analytics', 'Health', 'Foods', 'Robotics', 'Media', 'Energy', 'Retail', 'Finance', 'Labs', 'Software', 'Travel'];

/** The first day of the month `n` months after `month` (the period calculator's). */
export { addMonths };

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export const round2 = (value: number) => Math.round(value * 100) / 100;
const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
export const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const at = (day: string, hour: number, minute: number) => `${day}T${pad(hour, 2)}:${pad(minute, 2)}:00.000Z`;

/** The month before the month of `today` (UTC): the last month whose facts can be complete. */
export function lastCompleteMonth(today = new Date()): string {
  return addMonths(`${today.toISOString().slice(0, 7)}-01`, -1);
}

export function startMonthOf(options: DatasetOptions): string {
  return options.startMonth ?? addMonths(options.endMonth ?? lastCompleteMonth(), 1 - options.months);
}

/** The options with the first month fixed, so that every part of one dataset reads the clock (for the default end) once. */
export function withFixedStart(options: DatasetOptions): DatasetOptions {
  return { ...options, endMonth: undefined, startMonth: startMonthOf(options) };
}

/** The campaigns of the range: two per quarter (a webinar series and paid search), named by the quarter they ran in. */
export function campaignsOf(start: string, months: number, kinds = CAMPAIGN_KINDS): NamedRow[] {
  const rows: NamedRow[] = [];
  for (let m = 0; m < months; m += 3) {
    const month = addMonths(start, m);
    const quarter = `${month.slice(0, 4)}-q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
    for (const kind of kinds) rows.push({ externalId: `cmp-${quarter}-${kind.key}`, name: `${quarter.toUpperCase()} ${kind.name}` });
  }
  return rows;
}

export function referenceData(options: DatasetOptions): ReferenceData {
  return {
    tiers: TIER_PROFILES.map((t) => ({ key: t.key, name: t.name, rank: t.rank })),
    partners: PARTNERS,
    campaigns: campaignsOf(startMonthOf(options), options.months),
  };
}

export const customerExternalId = (index: number) => `c${pad(index + 1, 6)}`;

/** Per month (index from the start), per tier: the MRR of the generated customers, in cents; the no-customer costs follow it. */
type MrrTotals = Map<string, number[]>;

/** One customer's rows: its record, revenue, costs, invoices, surveys and events, from its own random stream. */
function generateCustomer(index: number, options: DatasetOptions, campaigns: NamedRow[], totals: MrrTotals): DatasetChunk {
  const rng = Random.for(options.seed, index);
  const start = startMonthOf(options);
  const months = options.months;
  const end = addMonths(start, months); // exclusive
  const lastDay = addDays(end, -1);
  const id = customerExternalId(index);
  const tier = rng.weighted(TIER_PROFILES.map((t) => ({ value: t, weight: t.share })));
  const place = rng.weighted(REGIONS);
  const partner = rng.chance(tier.partnerShare) ? rng.pick(PARTNERS).externalId : null;
  const prospect = rng.chance(0.08); // reached consideration and bought elsewhere: no revenue
  const existing = !prospect && rng.chance(0.3); // already paying when the data starts
  const acquiredMonth = existing ? -rng.int(1, 36) : Math.floor(months * Math.sqrt(rng.next())); // more customers later: growth
  const acquiredOn = addDays(addMonths(start, acquiredMonth), rng.int(0, 27));
  const campaign = !existing && acquiredMonth >= 0 && rng.chance(0.55) ? campaigns[Math.floor(acquiredMonth / 3) * 2 + rng.int(0, 1)]?.externalId ?? null : null;
  const rows = emptyChunk();
  rows.customers.push({
    externalId: id,
    name: `${rng.pick(NAME_FIRST)} ${rng.pick(NAME_SECOND)} ${index + 1}`,
    tier: tier.key,
    segment: rng.weighted(tier.segments),
    region: place.region,
    country: rng.pick(place.countries),
    channel: partner ? 'PARTNER' : 'DIRECT',
    partner,
    acquisitionCampaign: campaign,
    acquiredOn: prospect ? null : acquiredOn,
  });

  let eventCount = 0;
  const event = (type: EventKind, occurredAt: string, extra: Partial<EventRow> = {}) => {
    if (occurredAt >= end) return;
    rows.events.push({ externalId: `ev-${id}-${eventCount++}`, customer: id, type, occurredAt, touchpoint: null, campaign: null, phase: null, ...extra });
  };
  const phase = (key: string, day: string) => event('PHASE_ENTERED', at(day, rng.int(8, 18), rng.int(0, 59)), { phase: key });

  // The way in: contact and consideration before the purchase (prospects stop there).
  phase('contact', addDays(acquiredOn, -rng.int(40, 150)));
  if (!prospect || rng.chance(0.6)) phase('consideration', addDays(acquiredOn, -rng.int(5, 35)));
  if (prospect) return rows;
  phase('purchase', acquiredOn);
  const daysToValue = Math.max(1, Math.round(rng.logNormal(tier.medianDaysToValue, 0.5)));
  const firstValue = addDays(acquiredOn, daysToValue);
  event('FIRST_VALUE', at(firstValue, rng.int(8, 18), rng.int(0, 59)), { touchpoint: 'purchase_in_app_guide' });
  phase('post_purchase', firstValue);

  const first = Math.max(0, acquiredMonth);
  if (!existing && acquiredMonth >= 0) {
    rows.costs.push({
      externalId: `cost-acq-${id}`, category: 'ACQUISITION', month: addMonths(start, acquiredMonth),
      amount: round2(rng.logNormal(tier.cac, 0.3)), customer: id, campaign,
    });
  }

  let health = rng.normal() * 0.8;
  let mrr = round2(rng.logNormal(tier.mrr, 0.45));
  let active = true;
  let churnedAt = -1;
  let billingAnchor = first;
  let loyal = false;
  for (let m = first; m < months; m += 1) {
    const previousHealth = health;
    health = 0.9 * health + 0.35 * rng.normal();
    const month = addMonths(start, m);
    const day = () => addDays(month, rng.int(0, 27));
    if (!active) {
      // Win-back: some churned customers return within a year, at a lower price.
      if (m - churnedAt <= 12 && rng.chance(0.03)) {
        active = true;
        mrr = round2(mrr * (0.6 + 0.4 * rng.next()));
        health = Math.max(health, 0) + 0.5;
        billingAnchor = m;
        phase('purchase', day());
      } else continue;
    } else if (m > first && rng.chance(tier.churn * Math.exp(-1.8 * previousHealth))) {
      // Churn follows last month's health: the indicators of a period lead the churn of the next.
      active = false;
      churnedAt = m;
      continue;
    }
    if (m > first) {
      if (rng.chance(0.035 * Math.exp(0.5 * health))) mrr = round2(mrr * (1.1 + 0.3 * rng.next())); // expansion: seats, modules
      else if (rng.chance(0.025 * Math.exp(-0.6 * health))) mrr = round2(Math.max(10, mrr * (0.7 + 0.2 * rng.next()))); // contraction
    }
    rows.revenue.push({ customer: id, month, type: 'RECURRING', amount: mrr });
    const cents = totals.get(tier.key)!;
    cents[m] += Math.round(mrr * 100);
    if (m === first && !existing) {
      if (tier.setupFee > 0 && rng.chance(0.7)) rows.revenue.push({ customer: id, month, type: 'ONE_TIME', amount: tier.setupFee });
      if (rng.chance(tier.onboardingServices)) {
        rows.revenue.push({ customer: id, month, type: 'SERVICES', amount: round2(mrr * (1 + 2 * rng.next())) });
        rows.costs.push({
          externalId: `cost-onb-${id}`, category: 'SERVICING', month, amount: round2(mrr * (0.5 + 0.5 * rng.next())), customer: id, campaign: null,
        });
      }
    } else if (tier.rank <= 2 && rng.chance(0.03)) {
      rows.revenue.push({ customer: id, month, type: 'SERVICES', amount: round2(mrr * (0.3 + 0.7 * rng.next())) });
    }
    if (tier.rank === 1) {
      rows.costs.push({ externalId: `cost-cogs-${id}-${m}`, category: 'COGS', month, amount: round2(mrr * (0.08 + 0.04 * rng.next())), customer: id, campaign: null });
    }
    if (tier.rank <= 2 && (m - first) % 3 === 2) {
      rows.costs.push({
        externalId: `cost-qbr-${id}-${m}`, category: 'RETENTION', month, amount: round2((tier.rank === 1 ? 900 : 350) * (0.7 + 0.6 * rng.next())),
        customer: id, campaign: null,
      });
      event('EVENT_ATTENDED', at(day(), 15, 0), { touchpoint: 'loyalty_qbr' });
    }

    // What the customer does this month, driven by its health.
    const tickets = rng.poisson(tier.ticketsPerMonth * Math.exp(-1.1 * health));
    for (let t = 0; t < tickets; t += 1) {
      const opened = day();
      event('SUPPORT_TICKET', at(opened, rng.int(7, 20), rng.int(0, 59)), { touchpoint: 'post_purchase_support' });
      if (rng.chance(0.35)) {
        const satisfied = rng.chance(logistic(1 + 1.5 * health));
        const answered = opened < addDays(month, 25) ? addDays(opened, rng.int(1, 3)) : opened;
        rows.surveys.push({
          externalId: `csat-${id}-${m}-${t}`, customer: id, kind: 'CSAT', score: satisfied ? rng.int(4, 5) : rng.int(1, 3),
          respondedAt: at(answered, rng.int(8, 20), rng.int(0, 59)),
        });
      }
    }
    if ((m - first) % 6 === 3 && rng.chance(0.45)) {
      const score = Math.round(clamp(7 + 1.8 * health + 1.2 * rng.normal(), 0, 10));
      rows.surveys.push({ externalId: `nps-${id}-${m}`, customer: id, kind: 'NPS', score, respondedAt: at(day(), rng.int(8, 20), rng.int(0, 59)) });
    }
    for (let k = rng.poisson(0.25 * Math.exp(0.8 * health)); k > 0; k -= 1) event('CONTENT_DOWNLOAD', at(day(), rng.int(6, 22), rng.int(0, 59)), { touchpoint: 'contact_content' });
    for (let k = rng.poisson(0.06 * Math.exp(1.0 * health)); k > 0; k -= 1) event('CONTENT_SHARE', at(day(), rng.int(6, 22), rng.int(0, 59)), { touchpoint: 'contact_social' });
    for (let k = rng.poisson(0.08 * Math.exp(0.5 * health)); k > 0; k -= 1) {
      event('WEBINAR_ATTENDED', at(day(), 16, 0), { touchpoint: 'contact_webinar', campaign: campaigns[Math.floor(m / 3) * 2]?.externalId ?? null });
    }
    for (let k = rng.poisson(0.15); k > 0; k -= 1) event('EMAIL_OPEN', at(day(), rng.int(6, 22), rng.int(0, 59)), { touchpoint: 'consideration_nurture' });
    if (rng.chance((tier.rank <= 2 ? 0.04 : 0.01) * Math.exp(1.2 * health))) event('REFERENCE_CALL', at(day(), 14, 0), { touchpoint: 'loyalty_partner' });
    if (!loyal && m - first >= 4 && health > 1) {
      loyal = true;
      phase('loyalty', day());
    }

    // Invoices: monthly, quarterly or yearly in advance; unhealthy customers pay late or not at all.
    if ((m - billingAnchor) % tier.billingMonths === 0) {
      const dueOn = addDays(month, tier.paymentTermDays);
      let paidOn: string | null;
      if (rng.chance(0.015 * Math.exp(-1.0 * health))) paidOn = null;
      else if (rng.chance(0.12 * Math.exp(-0.6 * health))) paidOn = addDays(dueOn, rng.int(5, 90));
      else paidOn = addDays(month, rng.int(3, tier.paymentTermDays));
      if (paidOn !== null && paidOn > lastDay) paidOn = null;
      rows.invoices.push({ externalId: `inv-${id}-${m}`, customer: id, issuedOn: month, dueOn, paidOn, amount: round2(mrr * tier.billingMonths) });
    }
  }
  return rows;
}

/** The costs that name no customer: brand marketing, campaign spend, the CS and support teams, hosting per tier. */
function workspaceCosts(options: DatasetOptions, campaigns: NamedRow[], totals: MrrTotals): CostRow[] {
  const start = startMonthOf(options);
  const rows: CostRow[] = [];
  const scale = Math.max(1, options.customers / 1000);
  for (let m = 0; m < options.months; m += 1) {
    const rng = Random.for(options.seed, -1, m);
    const month = addMonths(start, m);
    const label = month.slice(0, 7);
    const mrrCents = [...totals.values()].reduce((sum, cents) => sum + cents[m], 0);
    const cost = (externalId: string, category: CostRow['category'], amount: number, campaign: string | null = null) =>
      rows.push({ externalId, category, month, amount: round2(amount), customer: null, campaign });
    cost(`cost-brand-${label}`, 'ACQUISITION', 6_000 * scale * (0.8 + 0.4 * rng.next()));
    for (const campaign of campaigns.slice(Math.floor(m / 3) * 2, Math.floor(m / 3) * 2 + 2)) {
      cost(`cost-${campaign.externalId}-${label}`, 'ACQUISITION', 9_000 * scale * (0.7 + 0.6 * rng.next()), campaign.externalId);
    }
    cost(`cost-cs-team-${label}`, 'RETENTION', (mrrCents / 100) * 0.04 * (0.9 + 0.2 * rng.next()));
    cost(`cost-support-team-${label}`, 'SERVICING', (mrrCents / 100) * 0.06 * (0.9 + 0.2 * rng.next()));
    for (const [tier, cents] of totals) cost(`cost-hosting-${tier}-${label}`, 'COGS', (cents[m] / 100) * 0.14 * (0.9 + 0.2 * rng.next()));
  }
  return rows;
}

/**
 * A dataset, `chunkSize` customers at a time (each customer's rows from `customerRows(index)`), then one last chunk with the
 * costs that name no customer (`lastCosts()`, after every customer: they follow the customers' totals). The same options give
 * the same rows, whatever the chunk size.
 */
export function* inChunks(
  customers: number,
  chunkSize: number,
  customerRows: (index: number) => DatasetChunk,
  lastCosts: () => CostRow[],
): Generator<DatasetChunk> {
  for (let from = 0; from < customers; from += chunkSize) {
    const chunk = emptyChunk();
    for (let i = from; i < Math.min(customers, from + chunkSize); i += 1) {
      const rows = customerRows(i);
      for (const key of Object.keys(chunk) as (keyof DatasetChunk)[]) (chunk[key] as unknown[]).push(...rows[key]);
    }
    yield chunk;
  }
  yield { ...emptyChunk(), costs: lastCosts() };
}

/** The B2B SaaS dataset (inChunks). */
export function generateDataset(datasetOptions: DatasetOptions, chunkSize = 2_000): Generator<DatasetChunk> {
  const options = withFixedStart(datasetOptions);
  const { campaigns } = referenceData(options);
  const totals: MrrTotals = new Map(TIER_PROFILES.map((t) => [t.key, new Array<number>(options.months).fill(0)]));
  return inChunks(options.customers, chunkSize, (i) => generateCustomer(i, options, campaigns, totals), () => workspaceCosts(options, campaigns, totals));
}

/** The B2B SaaS workspace of the first demo: subscriptions, the B2B lifecycle journey. */
export const SAAS_MODEL: DatasetModel = {
  name: 'B2B SaaS',
  settings: { businessModel: 'SUBSCRIPTION', activityWindowMonths: 12 },
  journey: {
    name: 'B2B customer lifecycle',
    description: 'From first contact to loyalty and advocacy.',
    template: 'B2B_LIFECYCLE',
    owners: [
      { phaseKey: 'contact', name: 'Demand Generation', function: 'MARKETING', email: 'demand@demo.example' },
      { phaseKey: 'consideration', name: 'Sales Development', function: 'SALES', email: 'sales@demo.example' },
      { phaseKey: 'purchase', name: 'Onboarding Team', function: 'CUSTOMER_SUCCESS', email: 'onboarding@demo.example' },
      { phaseKey: 'post_purchase', name: 'Customer Support', function: 'SUPPORT', email: 'support@demo.example' },
      { phaseKey: 'loyalty', name: 'Customer Success', function: 'CUSTOMER_SUCCESS', email: 'success@demo.example' },
    ],
  },
  referenceData,
  generateDataset,
};
