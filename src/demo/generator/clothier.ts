import { Random } from './random';
import {
  addDays,
  addMonths,
  at,
  campaignsOf,
  emptyChunk,
  inChunks,
  pad,
  round2,
  startMonthOf,
  withFixedStart,
  type CostRow,
  type DatasetChunk,
  type DatasetModel,
  type DatasetOptions,
  type EventKind,
  type EventRow,
  type NamedRow,
  type ReferenceData,
} from './dataset';

/**
 * An online clothier as rows of the ingestion mutations: shoppers who buy by order (TRANSACTIONAL), with seasons, returns,
 * shoppers who lapse and some who come back, generated deterministically from a seed. Pure: no I/O.
 *
 * The model behind the rows: every shopper has a latent engagement that drifts from month to month (an AR(1) process). It drives
 * how often the shopper reads and shares the style guides, how rarely it returns what it buys, and whether it drifts away.
 * Reading or sharing a style guide in one month multiplies the shopper's purchase rate in the next by GUIDE_EFFECT, and the CRM
 * team reaches more shoppers with them month after month: the guides really lead repeat purchase, as `indicatorImpact`
 * (CONTENT_ENGAGEMENT_RATE against the next period's run rate and lapses) and the chain's link evidence (style-guide downloads →
 * repeat purchase rate) should find.
 */

/** How much more a shopper buys in the month after it read or shared a style guide. */
export const GUIDE_EFFECT = 2.5;

interface ShopperTier {
  key: string;
  name: string;
  rank: number;
  share: number;
  /** Orders per month at neutral engagement and season. */
  ordersPerMonth: number;
  /** Basket size relative to the segment's median. */
  basket: number;
  /** Share of orders returned in whole or in part. */
  returnRate: number;
  /** Where the tier's engagement starts. */
  engagement: number;
}

/** The clothier's own tiers (its loyalty program), in place of the B2B defaults. */
export const SHOPPER_TIERS: ShopperTier[] = [
  { key: 'vip', name: 'Style Club VIP', rank: 1, share: 0.06, ordersPerMonth: 0.5, basket: 1.35, returnRate: 0.16, engagement: 0.6 },
  { key: 'member', name: 'Style Club member', rank: 2, share: 0.34, ordersPerMonth: 0.17, basket: 1.1, returnRate: 0.22, engagement: 0.2 },
  { key: 'guest', name: 'Guest shopper', rank: 3, share: 0.6, ordersPerMonth: 0.07, basket: 1, returnRate: 0.28, engagement: -0.3 },
];

/** The clothier's own segments (what a shopper mostly buys), in place of the B2B company sizes. */
export const SHOPPER_SEGMENTS = [
  { value: { key: 'womenswear', name: 'Womenswear', rank: 1, basket: 88 }, weight: 0.55 },
  { value: { key: 'menswear', name: 'Menswear', rank: 2, basket: 96 }, weight: 0.3 },
  { value: { key: 'family', name: 'Family and kids', rank: 3, basket: 72 }, weight: 0.15 },
];

/** Orders per calendar month (January first) relative to the mean: the spring lull, the summer sale, Black Friday and Christmas. */
export const SEASON = [0.95, 0.6, 0.85, 1.0, 1.05, 0.95, 0.9, 0.7, 1.0, 1.05, 1.55, 1.4];

const REGIONS: { value: { region: string; countries: string[] }; weight: number }[] = [
  { value: { region: 'DACH', countries: ['DE', 'DE', 'DE', 'AT', 'CH'] }, weight: 0.5 },
  { value: { region: 'BENELUX', countries: ['NL', 'NL', 'BE'] }, weight: 0.2 },
  { value: { region: 'NORDICS', countries: ['SE', 'DK', 'NO', 'FI'] }, weight: 0.15 },
  { value: { region: 'UK', countries: ['GB'] }, weight: 0.15 },
];

/** Marketplaces that sell the clothier's collection to shoppers of their own (channel PARTNER). */
const MARKETPLACES: NamedRow[] = [
  { externalId: 'zalando', name: 'Zalando' },
  { externalId: 'about-you', name: 'About You' },
];

const CAMPAIGN_KINDS = [
  { key: 'social', name: 'paid social' },
  { key: 'search', name: 'paid search' },
];

const FIRST_NAMES = ['Anna', 'Ben', 'Clara', 'David', 'Emma', 'Felix', 'Greta', 'Hugo', 'Ida', 'Jonas', 'Lena', 'Max', 'Nora', 'Oscar', 'Paula', 'Rafael', 'Sofia', 'Tom'];
const LAST_NAMES = ['Bauer', 'de Vries', 'Eriksen', 'Fischer', 'Hansen', 'Jansen', 'Keller', 'Lindqvist', 'Meyer', 'Novak', 'Peeters', 'Smith', 'Taylor', 'Weber'];

/** Touchpoints of the B2C_RETAIL journey template that the rows name. */
const TOUCHPOINT = {
  styleGuide: 'repeat_style_guide',
  newsletter: 'repeat_newsletter',
  shop: 'first_purchase_shop',
  marketplace: 'discovery_marketplace',
  service: 'delivery_service',
} as const;

export const shopperExternalId = (index: number) => `s${pad(index + 1, 6)}`;

/** Per month (index from the start): what the shoppers bought, returned and how many were new; the costs follow them. */
interface MonthTotals {
  grossCents: number[];
  refundCents: number[];
  returns: number[];
  newShoppers: number[];
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

export function clothierReferenceData(options: DatasetOptions): ReferenceData {
  return {
    tiers: SHOPPER_TIERS.map((t) => ({ key: t.key, name: t.name, rank: t.rank })),
    segments: SHOPPER_SEGMENTS.map(({ value: s }) => ({ key: s.key, name: s.name, rank: s.rank })),
    partners: MARKETPLACES,
    campaigns: campaignsOf(startMonthOf(options), options.months, CAMPAIGN_KINDS),
  };
}

/** One shopper's rows: its record, orders, returns, events and surveys, from its own random stream. */
function generateShopper(index: number, options: DatasetOptions, campaigns: NamedRow[], totals: MonthTotals): DatasetChunk {
  const rng = Random.for(options.seed, index);
  const start = startMonthOf(options);
  const months = options.months;
  const end = addMonths(start, months); // exclusive
  const id = shopperExternalId(index);
  const tier = rng.weighted(SHOPPER_TIERS.map((t) => ({ value: t, weight: t.share })));
  const segment = rng.weighted(SHOPPER_SEGMENTS);
  const place = rng.weighted(REGIONS);
  const marketplace = rng.chance(0.12) ? rng.pick(MARKETPLACES).externalId : null;
  const unplaced = marketplace !== null && rng.chance(0.3); // a marketplace does not always pass on where the shopper lives
  const existing = rng.chance(0.25); // already a shopper when the data starts
  const acquiredMonth = existing ? -rng.int(1, 30) : Math.floor(months * Math.sqrt(rng.next())); // more shoppers later: growth
  const acquiredOn = addDays(addMonths(start, acquiredMonth), rng.int(0, 27));
  const campaign = !existing && !marketplace && rng.chance(0.55) ? campaigns[Math.floor(acquiredMonth / 3) * 2 + rng.int(0, 1)]?.externalId ?? null : null;
  const rows = emptyChunk();
  rows.customers.push({
    externalId: id,
    name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
    tier: tier.key,
    segment: segment.key,
    region: unplaced ? null : place.region,
    country: unplaced ? null : rng.pick(place.countries),
    channel: marketplace ? 'PARTNER' : 'DIRECT',
    partner: marketplace,
    acquisitionCampaign: campaign,
    acquiredOn,
  });

  let eventCount = 0;
  const time = (day: string) => at(day, rng.int(7, 22), rng.int(0, 59));
  const event = (type: EventKind, occurredAt: string, extra: Partial<EventRow> = {}) => {
    if (occurredAt >= end) return;
    rows.events.push({ externalId: `ev-${id}-${eventCount++}`, customer: id, type, occurredAt, touchpoint: null, campaign: null, phase: null, ...extra });
  };
  const phase = (key: string, day: string) => event('PHASE_ENTERED', time(day), { phase: key });

  const first = Math.max(0, acquiredMonth);
  if (existing) {
    phase('first_purchase', acquiredOn);
    if (tier.rank <= 2) phase('repeat_purchase', addDays(acquiredOn, rng.int(30, 200)));
  } else {
    phase('discovery', addDays(acquiredOn, -rng.int(2, 40)));
    totals.newShoppers[first] += 1;
  }

  let engagement = tier.engagement + 0.7 * rng.normal();
  let gone = false;
  let goneAt = -1;
  let readGuide = false; // read or shared a style guide last month
  let orders = 0;
  for (let m = first; m < months; m += 1) {
    const previous = engagement;
    engagement = 0.85 * engagement + 0.35 * rng.normal();
    const month = addMonths(start, m);
    const season = SEASON[Number(month.slice(5, 7)) - 1];
    const day = () => addDays(month, rng.int(0, 27));
    if (gone) {
      // Win-back: some lapsed shoppers come back, more in the big seasons.
      if (m - goneAt >= 4 && rng.chance(0.02 * season)) {
        gone = false;
        engagement = Math.max(engagement, 0) + 0.4;
      } else continue;
    } else if (m > first && rng.chance(0.025 * Math.exp(-0.9 * previous))) {
      // Drifting away follows last month's engagement.
      gone = true;
      goneAt = m;
      readGuide = false;
      continue;
    }

    // The style guides: read and shared by engaged shoppers, more as the CRM team puts out more of them (a third of today's reach
    // when the data starts).
    const reach = 0.35 + 0.65 * (m / Math.max(1, months - 1));
    const downloads = rng.poisson(0.14 * reach * Math.exp(0.9 * engagement));
    const shares = rng.poisson(0.035 * reach * Math.exp(1.1 * engagement));
    for (let k = 0; k < downloads; k += 1) event('CONTENT_DOWNLOAD', time(day()), { touchpoint: TOUCHPOINT.styleGuide });
    for (let k = 0; k < shares; k += 1) event('CONTENT_SHARE', time(day()), { touchpoint: TOUCHPOINT.styleGuide });
    for (let k = rng.poisson(0.2 * Math.exp(0.4 * engagement)); k > 0; k -= 1) event('EMAIL_OPEN', time(day()), { touchpoint: TOUCHPOINT.newsletter });

    // Orders: the tier's rate, the season, engagement, and two and a half times as many after a month with a style guide.
    let count = rng.poisson(tier.ordersPerMonth * season * Math.exp(0.35 * previous) * (readGuide ? GUIDE_EFFECT : 1));
    if (m === first && !existing) count = Math.max(count, 1); // the first order is what made the shopper
    readGuide = downloads + shares > 0;
    for (let k = 0; k < count; k += 1) {
      const orderDay = day();
      const orderedAt = time(orderDay);
      const amount = round2(clamp(rng.logNormal(segment.basket * tier.basket * (season > 1.3 ? 0.9 : 1), 0.45), 9.9, 1_500));
      const orderId = `o-${id}-${orders}`;
      rows.orders.push({
        externalId: orderId,
        customer: id,
        orderedAt,
        amount,
        campaign: orders === 0 ? campaign : null,
        touchpoint: marketplace ? TOUCHPOINT.marketplace : TOUCHPOINT.shop,
      });
      totals.grossCents[m] += Math.round(amount * 100);
      if (orders === 0 && !existing) {
        phase('first_purchase', orderDay);
        phase('delivery_returns', addDays(orderDay, rng.int(2, 5)));
      } else if (orders === 1 && !existing) {
        phase('repeat_purchase', orderDay);
      } else if (orders === 4) {
        phase('loyalty_advocacy', orderDay);
      }
      orders += 1;

      // Returns: the wrong size, the colour that looked different; fewer for engaged shoppers.
      if (rng.chance(tier.returnRate * Math.exp(-0.25 * engagement))) {
        const refunded = rng.chance(0.6) ? amount : round2(amount * (0.3 + 0.4 * rng.next()));
        const refundDay = addDays(orderDay, rng.int(4, 24));
        const refundedAt = time(refundDay);
        if (refundedAt < end && refunded > 0) {
          rows.refunds.push({ externalId: `r-${orderId}`, order: orderId, refundedAt, amount: refunded });
          const refundMonth = m + (refundDay.slice(0, 7) === orderDay.slice(0, 7) ? 0 : 1);
          totals.refundCents[refundMonth] += Math.round(refunded * 100);
          totals.returns[refundMonth] += 1;
          if (rng.chance(0.3)) event('SUPPORT_TICKET', time(refundDay), { touchpoint: TOUCHPOINT.service });
        }
      }
      // A short survey after some deliveries.
      if (rng.chance(0.08)) {
        const answered = addDays(orderDay, rng.int(3, 10));
        if (answered < end) {
          const satisfied = rng.chance(logistic(1.2 + 1.2 * engagement));
          rows.surveys.push({ externalId: `csat-${orderId}`, customer: id, kind: 'CSAT', score: satisfied ? rng.int(4, 5) : rng.int(1, 3), respondedAt: time(answered) });
        }
      }
    }
    if (m % 6 === 5 && rng.chance(0.15)) {
      const score = Math.round(clamp(7.5 + 1.6 * engagement + 1.2 * rng.normal(), 0, 10));
      rows.surveys.push({ externalId: `nps-${id}-${m}`, customer: id, kind: 'NPS', score, respondedAt: time(day()) });
    }
  }
  return rows;
}

/**
 * The costs of the shop, none of them a shopper's: campaigns and brand marketing (about 40 per new shopper), the goods sold
 * (COGS, 42 % of what is kept), fulfilment and returns handling (servicing), the CRM team and the style guides (retention).
 */
function shopCosts(options: DatasetOptions, campaigns: NamedRow[], totals: MonthTotals): CostRow[] {
  const start = startMonthOf(options);
  const rows: CostRow[] = [];
  const scale = Math.max(1, options.customers / 1000);
  for (let m = 0; m < options.months; m += 1) {
    const rng = Random.for(options.seed, -1, m);
    const month = addMonths(start, m);
    const label = month.slice(0, 7);
    const gross = totals.grossCents[m] / 100;
    const net = (totals.grossCents[m] - totals.refundCents[m]) / 100;
    const cost = (externalId: string, category: CostRow['category'], amount: number, campaign: string | null = null) =>
      rows.push({ externalId, category, month, amount: round2(Math.max(0, amount)), customer: null, campaign });
    cost(`cost-brand-${label}`, 'ACQUISITION', totals.newShoppers[m] * 12 * (0.8 + 0.4 * rng.next()));
    for (const campaign of campaigns.slice(Math.floor(m / 3) * 2, Math.floor(m / 3) * 2 + 2)) {
      cost(`cost-${campaign.externalId}-${label}`, 'ACQUISITION', totals.newShoppers[m] * 14 * (0.7 + 0.6 * rng.next()), campaign.externalId);
    }
    cost(`cost-goods-${label}`, 'COGS', net * 0.42 * (0.95 + 0.1 * rng.next()));
    cost(`cost-fulfilment-${label}`, 'SERVICING', gross * 0.07 + totals.returns[m] * 6.5);
    cost(`cost-crm-${label}`, 'RETENTION', 350 * scale * (0.9 + 0.2 * rng.next()) + net * 0.015);
  }
  return rows;
}

/** The clothier's dataset, `chunkSize` shoppers at a time, then one last chunk with the shop's costs. */
export function generateClothierDataset(datasetOptions: DatasetOptions, chunkSize = 2_000): Generator<DatasetChunk> {
  const options = withFixedStart(datasetOptions);
  const { campaigns } = clothierReferenceData(options);
  const zeros = () => new Array<number>(options.months + 1).fill(0);
  const totals: MonthTotals = { grossCents: zeros(), refundCents: zeros(), returns: zeros(), newShoppers: zeros() };
  return inChunks(options.customers, chunkSize, (i) => generateShopper(i, options, campaigns, totals), () => shopCosts(options, campaigns, totals));
}

/** The online clothier of the second demo: orders and returns (TRANSACTIONAL, a 12-month activity window), the B2C retail journey. */
export const CLOTHIER_MODEL: DatasetModel = {
  name: 'online clothier',
  settings: { businessModel: 'TRANSACTIONAL', activityWindowMonths: 12 },
  journey: {
    name: 'Shopper journey',
    description: 'From discovery to loyalty and advocacy, for the shoppers of the online store and the marketplaces.',
    template: 'B2C_RETAIL',
    owners: [
      { phaseKey: 'discovery', name: 'Growth Marketing', function: 'MARKETING', email: 'growth@clothier.example' },
      { phaseKey: 'first_purchase', name: 'E-commerce Team', function: 'SALES', email: 'shop@clothier.example' },
      { phaseKey: 'delivery_returns', name: 'Fulfilment and Returns', function: 'OPERATIONS', email: 'fulfilment@clothier.example' },
      { phaseKey: 'repeat_purchase', name: 'CRM and Content', function: 'MARKETING', email: 'crm@clothier.example' },
      { phaseKey: 'loyalty_advocacy', name: 'Style Club', function: 'CUSTOMER_SUCCESS', email: 'club@clothier.example' },
    ],
  },
  referenceData: clothierReferenceData,
  generateDataset: generateClothierDataset,
};
