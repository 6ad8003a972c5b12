import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../helpers/paths';
import { KPI_KEYS, KPIS, KpiKey, type KpiDeclaration } from '../../../src/modules/kpi/catalogue/kpi.definitions';
import { MEASURES, isAdditive, type Measure } from '../../../src/modules/kpi/catalogue/measures';
import { compileKpiQuery, measuresOf } from '../../../src/modules/kpi/compiler/kpi.compiler';
import { perCustomerSql } from '../../../src/modules/kpi/compiler/measure.sql';
import { periodsBetween } from '../../../src/core/period.calculator';
import { Grain } from '../../../src/modules/kpi/catalogue/kpi.enums';
import { KPI_DOCS, withKpiCatalogue } from '../../../scripts/kpi-catalogue-docs';

/** The KPI catalogue: one declaration per KPI, from which the SQL, the API's catalogue (test/integration/kpi/kpi-catalog.test.ts) and docs/kpis.md are made. */

const LEADING = [
  'CSAT', 'NPS', 'TICKETS_PER_CUSTOMER', 'REFERENCE_CALLS', 'DSO', 'SERVICES_ATTACH_RATE', 'TIME_TO_VALUE_DAYS', 'CONTENT_ENGAGEMENT_RATE',
  // Order habits move before a shopper lapses: refunds and returns, how often it buys, whether it buys again.
  'REFUND_RATE', 'PURCHASE_FREQUENCY', 'REPEAT_PURCHASE_RATE',
];

describe('the catalogue declarations', () => {
  it('compile each measure to the aggregate its declaration says', () => {
    const sql = (name: keyof typeof MEASURES) => perCustomerSql(MEASURES[name] as Measure);
    expect(sql('active_customers')).toBe('max(CASE WHEN mrr_e > 0 THEN 1 ELSE 0 END)');
    expect(sql('churned_customers')).toBe('max(CASE WHEN mrr_b > 0 AND mrr_e = 0 THEN 1 ELSE 0 END)');
    expect(sql('contraction_mrr')).toBe('coalesce(sum(greatest(0, mrr_b - mrr_e)) FILTER (WHERE mrr_b > 0 AND mrr_e > 0), 0)');
    expect(sql('reactivation_mrr')).toBe('coalesce(sum(mrr_e) FILTER (WHERE mrr_b <= 0 AND first_month < s AND mrr_e > 0), 0)');
    expect(sql('ttm_delivery_cost')).toBe("coalesce(sum(amount) FILTER (WHERE category IN ('COGS', 'SERVICING')), 0)");
    expect(sql('receivables')).toBe('coalesce(sum(amount) FILTER (WHERE (paid_on IS NULL OR paid_on > last_day)), 0)');
    expect(sql('services_attached_customers')).toBe(
      'CASE WHEN coalesce(sum(recurring) FILTER (WHERE in_p), 0) > 0 AND coalesce(sum(services) FILTER (WHERE in_p), 0) > 0 THEN 1 ELSE 0 END',
    );
    expect(sql('nps_detractors')).toBe("count(*) FILTER (WHERE kind = 'NPS' AND score <= 6)");
    expect(sql('time_to_value_days')).toBe('min(ttv_days)');
  });

  it('read only the event types the measures of a query count (no list to keep up to date by hand)', () => {
    const eventsOf = (outputs: KpiKey[]) => {
      const { sql } = compileKpiQuery({
        workspaceId: '00000000-0000-0000-0000-000000000000',
        periods: periodsBetween(Grain.MONTH, '2025-01-01', '2025-01-01', 1),
        dataCompleteThrough: '2025-01-01',
        outputs,
        groupBy: [],
        filter: {},
      });
      return sql.match(/ev\.type IN \(([^)]*)\)/)?.[1] ?? null;
    };
    expect(eventsOf([KpiKey.TICKETS_PER_CUSTOMER])).toBe("'SUPPORT_TICKET'");
    expect(eventsOf([KpiKey.CONTENT_ENGAGEMENT_RATE, KpiKey.REFERENCE_CALLS])).toBe("'CONTENT_DOWNLOAD', 'CONTENT_SHARE', 'REFERENCE_CALL'");
    expect(eventsOf([KpiKey.MRR])).toBeNull();
  });

  it('call a KPI additive only when every measure it stands on is', () => {
    for (const key of KPI_KEYS) {
      const declaration: KpiDeclaration = KPIS[key];
      if (!declaration.additive) continue;
      const notAdditive = [...measuresOf(key)].filter((m) => !isAdditive(MEASURES[m] as Measure));
      expect({ key, notAdditive }).toEqual({ key, notAdditive: [] });
    }
  });

  it('give every KPI a name, a description, a formula in words and a reason for its indicator kind', () => {
    for (const key of KPI_KEYS) {
      const d: KpiDeclaration = KPIS[key];
      for (const text of [d.name, d.description, d.formula, d.indicatorReason]) expect(text.length).toBeGreaterThan(3);
      // Words, not the notation of a definitions file: no set-builder or summation signs.
      expect(`${key}: ${d.formula}`).not.toMatch(/[Σ∈∉{}|]/);
    }
    expect(KPI_KEYS.filter((key) => KPIS[key].indicator === 'LEADING').sort()).toEqual([...LEADING].sort());
  });

  it('are published in docs/kpis.md as `npm run docs:kpis` writes them', () => {
    const page = fs.readFileSync(path.join(ROOT, KPI_DOCS), 'utf8');
    expect(withKpiCatalogue(page) === page ? 'current' : 'stale: run npm run docs:kpis').toBe('current');
    for (const key of KPI_KEYS) expect(page).toContain(`| \`${key}\` |`);
  });
});
