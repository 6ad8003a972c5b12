import { CLOTHIER_MODEL, GUIDE_EFFECT, SEASON } from '../../../src/demo/generator/clothier';
import { B2C_RETAIL } from '../../../src/modules/journeys/templates/b2c-retail.template';
import { rowsOf } from '../../helpers/demo-rows';

describe('the online clothier generator (pure rows)', () => {
  const options = { customers: 1500, months: 24, seed: 5, endMonth: '2025-12-01' };
  const rows = rowsOf(options, undefined, CLOTHIER_MODEL);
  const orderOf = new Map(rows.orders.map((o) => [o.externalId, o]));

  it('gives the same rows for the same seed, whatever the chunk size', () => {
    expect(rowsOf(options, 7, CLOTHIER_MODEL)).toEqual(rows);
  });

  it('sells by order only, within its months, with the shoppers, tiers, segments and marketplaces of its reference data', () => {
    const reference = CLOTHIER_MODEL.referenceData(options);
    expect(rows.revenue).toEqual([]);
    expect(rows.customers).toHaveLength(1500);
    expect(new Set(rows.customers.map((c) => c.tier))).toEqual(new Set(reference.tiers.map((t) => t.key)));
    expect(new Set(rows.customers.map((c) => c.segment))).toEqual(new Set(reference.segments!.map((s) => s.key)));
    const partners = new Set(reference.partners.map((p) => p.externalId));
    expect(rows.customers.every((c) => (c.partner === null) === (c.channel === 'DIRECT') && (!c.partner || partners.has(c.partner)))).toBe(true);
    expect(rows.customers.some((c) => c.country === null && c.region === null)).toBe(true);
    const months = [...new Set(rows.orders.map((o) => o.orderedAt.slice(0, 7)))].sort();
    expect([months[0], months.at(-1), months.length]).toEqual(['2024-01', '2025-12', 24]);
    expect([...rows.events.map((e) => e.occurredAt), ...rows.refunds.map((r) => r.refundedAt)].every((t) => t < '2026-01-01')).toBe(true);
  });

  it("refunds name an order, are not dated before it, and never add up to more than the order's amount", () => {
    const refunded = new Map<string, number>();
    for (const refund of rows.refunds) {
      const order = orderOf.get(refund.order)!;
      expect(order).toBeDefined();
      expect(refund.refundedAt >= order.orderedAt).toBe(true);
      refunded.set(refund.order, (refunded.get(refund.order) ?? 0) + refund.amount);
    }
    expect([...refunded].every(([order, amount]) => amount > 0 && amount <= orderOf.get(order)!.amount)).toBe(true);
    const share = rows.refunds.length / rows.orders.length;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.35);
  });

  it('sells by the season: November and December above the mean month, February below', () => {
    const byCalendarMonth = new Array<number>(12).fill(0);
    for (const order of rows.orders) byCalendarMonth[Number(order.orderedAt.slice(5, 7)) - 1] += 1;
    expect(SEASON[10]).toBeGreaterThan(1.3);
    expect(byCalendarMonth[10]).toBeGreaterThan(byCalendarMonth[7] * 1.5);
    expect(byCalendarMonth[1]).toBeLessThan(byCalendarMonth[3]);
  });

  it('names only touchpoints and phases of the B2C_RETAIL template', () => {
    const touchpoints = new Set(B2C_RETAIL.flatMap((p) => p.touchpoints.map((t) => t.key)));
    const phases = new Set(B2C_RETAIL.map((p) => p.key));
    expect([...rows.events, ...rows.orders].every((r) => r.touchpoint === null || touchpoints.has(r.touchpoint))).toBe(true);
    expect(new Set(rows.events.filter((e) => e.type === 'PHASE_ENTERED').map((e) => e.phase))).toEqual(phases);
    expect(CLOTHIER_MODEL.journey.owners.map((o) => o.phaseKey).sort()).toEqual([...phases].sort());
  });

  it('makes readers of a style guide buy more the next month', () => {
    // Per shopper and month: read a guide, and the orders of the month after.
    const read = new Set(rows.events.filter((e) => e.type === 'CONTENT_DOWNLOAD' || e.type === 'CONTENT_SHARE').map((e) => `${e.customer} ${e.occurredAt.slice(0, 7)}`));
    const ordersIn = new Map<string, number>();
    for (const o of rows.orders) ordersIn.set(`${o.customer} ${o.orderedAt.slice(0, 7)}`, (ordersIn.get(`${o.customer} ${o.orderedAt.slice(0, 7)}`) ?? 0) + 1);
    const next = (key: string) => {
      const [customer, month] = key.split(' ');
      const d = new Date(`${month}-01T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + 1);
      return `${customer} ${d.toISOString().slice(0, 7)}`;
    };
    const active = [...new Set([...ordersIn.keys(), ...read])].filter((key) => key.split(' ')[1] < '2025-12');
    const mean = (keys: string[]) => keys.reduce((sum, key) => sum + (ordersIn.get(next(key)) ?? 0), 0) / keys.length;
    const readers = active.filter((key) => read.has(key));
    const others = active.filter((key) => !read.has(key));
    expect(readers.length).toBeGreaterThan(500);
    expect(mean(readers)).toBeGreaterThan(mean(others) * (GUIDE_EFFECT / 1.5));
  });
});
