import { addMonths, referenceData } from '../../../src/demo/generator/dataset';
import { rowsOf } from '../../helpers/demo-rows';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('the demo data generator (pure rows)', () => {
  const options = { customers: 600, months: 24, seed: 11, endMonth: '2025-12-01' };
  const rows = rowsOf(options);
  const recurring = new Map<string, Map<string, number>>();
  for (const r of rows.revenue.filter((r) => r.type === 'RECURRING')) {
    if (!recurring.has(r.customer)) recurring.set(r.customer, new Map());
    recurring.get(r.customer)!.set(r.month, r.amount);
  }
  const months = [...new Set(rows.revenue.map((r) => r.month))].sort();

  it('gives the same rows for the same seed, whatever the chunk size, and other rows for another seed', () => {
    expect(rowsOf(options, 7)).toEqual(rows);
    expect(JSON.stringify(rowsOf({ ...options, seed: 12 }))).not.toEqual(JSON.stringify(rows));
  });

  it('ends with the month it is given and names only its own reference data', () => {
    expect(months[0]).toBe('2024-01-01');
    expect(months[months.length - 1]).toBe('2025-12-01');
    const reference = referenceData(options);
    const campaigns = new Set(reference.campaigns.map((c) => c.externalId));
    const partners = new Set(reference.partners.map((p) => p.externalId));
    expect(reference.tiers.map((t) => t.key)).toEqual(['strategic', 'enterprise', 'growth', 'scale']);
    expect(rows.customers.every((c) => (c.partner === null) === (c.channel === 'DIRECT') && (!c.partner || partners.has(c.partner)))).toBe(true);
    expect(rows.customers.every((c) => !c.acquisitionCampaign || campaigns.has(c.acquisitionCampaign))).toBe(true);
    expect(new Set(rows.costs.map((c) => c.externalId)).size).toBe(rows.costs.length);
    expect(new Set(rows.events.map((e) => e.externalId)).size).toBe(rows.events.length);
  });

  it('ends by default with the last complete month before today, nothing dated later; another end month shifts the same rows', () => {
    const today = new Date();
    const thisMonth = `${today.toISOString().slice(0, 7)}-01`;
    const current = rowsOf({ customers: 40, months: 6, seed: 11 });
    const currentMonths = [...new Set(current.revenue.map((r) => r.month))].sort();
    expect(currentMonths).toEqual([6, 5, 4, 3, 2, 1].map((back) => addMonths(thisMonth, -back)));
    expect(current.events.every((e) => e.occurredAt < thisMonth)).toBe(true);
    expect(current.invoices.every((i) => i.issuedOn < thisMonth && (i.paidOn === null || i.paidOn < thisMonth))).toBe(true);
    // The seed decides the customers and amounts; the end month only where they fall.
    const earlier = rowsOf({ customers: 40, months: 6, seed: 11, endMonth: '2025-06-01' });
    expect(earlier.customers.map((c) => [c.externalId, c.tier, c.segment])).toEqual(current.customers.map((c) => [c.externalId, c.tier, c.segment]));
    expect(earlier.revenue.map((r) => [r.customer, r.type, r.amount])).toEqual(current.revenue.map((r) => [r.customer, r.type, r.amount]));
    expect(earlier.revenue.map((r) => r.month).sort().at(-1)).toBe('2025-06-01');
  });

  it('has four tiers of different sizes and prices, segments, regions, direct and partner customers, campaigns', () => {
    const byTier = (tier: string) => rows.customers.filter((c) => c.tier === tier);
    const firstMrr = (tier: string) => median(byTier(tier).flatMap((c) => [...(recurring.get(c.externalId)?.values() ?? [])].slice(0, 1)));
    expect(byTier('scale').length).toBeGreaterThan(byTier('growth').length);
    expect(byTier('growth').length).toBeGreaterThan(byTier('enterprise').length);
    expect(byTier('enterprise').length).toBeGreaterThan(byTier('strategic').length);
    expect(byTier('strategic').length).toBeGreaterThan(0);
    expect(firstMrr('strategic')).toBeGreaterThan(firstMrr('enterprise'));
    expect(firstMrr('enterprise')).toBeGreaterThan(firstMrr('growth'));
    expect(firstMrr('growth')).toBeGreaterThan(firstMrr('scale'));
    expect(new Set(rows.customers.map((c) => c.segment))).toEqual(new Set(['ENTERPRISE', 'MID_MARKET', 'SMB']));
    expect(new Set(rows.customers.map((c) => c.region))).toEqual(new Set(['NA', 'EMEA', 'APAC', 'LATAM']));
    expect(rows.customers.filter((c) => c.channel === 'PARTNER').length).toBeGreaterThan(50);
    expect(rows.customers.filter((c) => c.acquisitionCampaign).length).toBeGreaterThan(100);
  });

  it('has expansion, contraction, churn and reactivation in its recurring revenue, and services and one-time revenue', () => {
    let expansions = 0;
    let contractions = 0;
    let churns = 0;
    let reactivations = 0;
    for (const series of recurring.values()) {
      let previous: number | undefined;
      let paidBefore = false;
      for (const month of months) {
        const mrr = series.get(month);
        if (previous !== undefined && mrr !== undefined) {
          if (mrr > previous) expansions += 1;
          if (mrr < previous) contractions += 1;
        }
        if (previous !== undefined && mrr === undefined) churns += 1;
        if (previous === undefined && mrr !== undefined && paidBefore) reactivations += 1;
        paidBefore ||= mrr !== undefined;
        previous = mrr;
      }
    }
    expect(expansions).toBeGreaterThan(100);
    expect(contractions).toBeGreaterThan(50);
    expect(churns).toBeGreaterThan(30);
    expect(reactivations).toBeGreaterThan(3);
    expect(rows.revenue.filter((r) => r.type === 'SERVICES').length).toBeGreaterThan(50);
    expect(rows.revenue.filter((r) => r.type === 'ONE_TIME').length).toBeGreaterThan(50);
  });

  it('has costs of every category, with and without a customer, some with a campaign', () => {
    for (const category of ['ACQUISITION', 'RETENTION', 'SERVICING', 'COGS']) {
      expect(rows.costs.some((c) => c.category === category && c.customer)).toBe(true);
      expect(rows.costs.some((c) => c.category === category && !c.customer)).toBe(true);
    }
    expect(rows.costs.some((c) => c.campaign && c.customer)).toBe(true);
    expect(rows.costs.some((c) => c.campaign && !c.customer)).toBe(true);
  });

  it('has invoices paid on time, paid late and not paid, CSAT and NPS answers, every engagement event and every phase', () => {
    expect(rows.invoices.filter((i) => i.paidOn && i.paidOn <= i.dueOn).length).toBeGreaterThan(100);
    expect(rows.invoices.filter((i) => i.paidOn && i.paidOn > i.dueOn).length).toBeGreaterThan(20);
    expect(rows.invoices.filter((i) => i.paidOn === null).length).toBeGreaterThan(5);
    expect(rows.invoices.every((i) => i.dueOn >= i.issuedOn && (i.paidOn === null || i.paidOn >= i.issuedOn))).toBe(true);
    expect(new Set(rows.surveys.filter((s) => s.kind === 'CSAT').map((s) => s.score))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(rows.surveys.filter((s) => s.kind === 'NPS').every((s) => s.score >= 0 && s.score <= 10)).toBe(true);
    expect(new Set(rows.events.map((e) => e.type))).toEqual(
      new Set(['CONTENT_DOWNLOAD', 'CONTENT_SHARE', 'EMAIL_OPEN', 'EVENT_ATTENDED', 'WEBINAR_ATTENDED', 'SUPPORT_TICKET', 'REFERENCE_CALL', 'FIRST_VALUE', 'PHASE_ENTERED']),
    );
    expect(new Set(rows.events.filter((e) => e.type === 'PHASE_ENTERED').map((e) => e.phase))).toEqual(
      new Set(['contact', 'consideration', 'purchase', 'post_purchase', 'loyalty']),
    );
    expect(rows.events.every((e) => e.occurredAt < '2026-01-01')).toBe(true);
  });
});
