import type { SqlRunner } from './sql-runner';
import { bindPeriods, dimensionKeys, ParamAllocator, type SegmentFilterValues } from '../compiler/kpi.compiler';
import { toNumber } from '../compiler/kpi.engine';
import type { Period } from '../../../core/period.calculator';
import type { PhaseFunnelStep } from '../kpi.types';

/**
 * The phase funnel of a journey, in one statement: one step per period and phase, in period then phase order. For each phase,
 * the customers with a PHASE_ENTERED event for it in the period (at their first such entry), those of them who entered a phase of
 * higher position later, and the median days from that entry to the customer's next PHASE_ENTERED event.
 */
export async function phaseFunnelQuery(
  query: SqlRunner,
  request: { workspaceId: string; journeyId: string; periods: Period[]; filter: SegmentFilterValues },
): Promise<PhaseFunnelStep[]> {
  const { workspaceId, periods } = request;
  const params = new ParamAllocator();
  const ws = params.bind(workspaceId, 'uuid');
  // Whole periods: the funnel follows journey events as they arrive, not cut by the data-completeness watermark of billing.
  const { cte: periodsSql } = bindPeriods(params, periods);
  const journeyId = params.bind(request.journeyId, 'uuid');
  const keys = dimensionKeys([], request.filter, params, ws);
  const sql = `WITH ${[periodsSql, ...keys.ctes].join(',\n')},
    ph AS (SELECT id, key, position FROM phase WHERE workspace_id = ${ws} AND journey_id = ${journeyId}),
    entries AS (
      SELECT ev.customer_id, ev.phase_id, ev.occurred_at, ph.position
      FROM event ev JOIN ph ON ph.id = ev.phase_id
      WHERE ev.workspace_id = ${ws} AND ev.type = 'PHASE_ENTERED'),
    first_entry AS (
      SELECT DISTINCT ON (pr.p, en.phase_id, en.customer_id)
        pr.p, en.phase_id, en.customer_id, NULL::uuid AS campaign_id, en.occurred_at, en.position
      FROM periods pr JOIN entries en ON en.occurred_at >= pr.s_at AND en.occurred_at < pr.next_at
      ORDER BY pr.p, en.phase_id, en.customer_id, en.occurred_at),
    steps AS (
      SELECT f.p, f.phase_id,
        EXISTS (SELECT 1 FROM entries x
                WHERE x.customer_id = f.customer_id AND x.position > f.position AND x.occurred_at > f.occurred_at) AS advanced,
        (SELECT (min(x.occurred_at) AT TIME ZONE 'UTC')::date FROM entries x
         WHERE x.customer_id = f.customer_id AND x.occurred_at > f.occurred_at) - (f.occurred_at AT TIME ZONE 'UTC')::date AS days_in_phase
      FROM first_entry f
      ${keys.joins}
      ${keys.where})
    SELECT pr.p, ph.id AS phase_id, count(st.phase_id)::int AS entered,
      (count(*) FILTER (WHERE st.advanced))::int AS advanced,
      -- The journey's last phase has no later one to advance to: its conversion rate is undefined (null), not 0.
      CASE WHEN ph.position < (SELECT max(position) FROM ph)
        THEN round((count(*) FILTER (WHERE st.advanced))::numeric / NULLIF(count(st.phase_id), 0), 10) END AS conversion_rate,
      round((percentile_cont(0.5) WITHIN GROUP (ORDER BY st.days_in_phase))::numeric, 2) AS median_days
    FROM periods pr CROSS JOIN ph
    LEFT JOIN steps st ON st.p = pr.p AND st.phase_id = ph.id
    GROUP BY pr.p, ph.id, ph.position
    ORDER BY pr.p, ph.position`;
  const rows: { p: number; phase_id: string; entered: number; advanced: number; conversion_rate: string | null; median_days: string | null }[] =
    await query(sql, params.values);
  return rows.map((row) => ({
    phaseId: row.phase_id,
    periodStart: periods[row.p].start,
    periodEnd: periods[row.p].end,
    entered: row.entered,
    advanced: row.advanced,
    conversionRate: toNumber(row.conversion_rate),
    medianDaysInPhase: toNumber(row.median_days),
  }));
}
