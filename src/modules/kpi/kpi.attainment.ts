import { KpiDirection, KpiStatus } from './catalogue/kpi.enums';

export interface Assessment {
  target: number | null;
  attainment: number | null;
  status: KpiStatus;
}

/**
 * Targets, attainment and status, in one place: attainment = value / target where higher is better, target / value where lower
 * is better (a value of 0 then gives 2), clamped to [0, 2]; null without a target or a value, and null in a period that is not
 * complete (a quarter in progress is not judged against the whole quarter's target). Status, first match wins: INCOMPLETE
 * (the period is not complete), NO_TARGET (no approved target), NO_VALUE (a target but no value), then ON_TRACK ≥ 1,
 * AT_RISK ≥ 0.9, OFF_TRACK below.
 */
export function assess(value: number | null, target: number | null, direction: KpiDirection, complete: boolean): Assessment {
  return { target, ...attainmentAndStatus(value, target, direction, complete) };
}

export function attainmentAndStatus(value: number | null, target: number | null, direction: KpiDirection, complete: boolean) {
  const attainment = complete ? attainmentOf(value, target, direction) : null;
  return { attainment, status: statusOf({ complete, value, target, attainment }) };
}

function attainmentOf(value: number | null, target: number | null, direction: KpiDirection): number | null {
  if (value === null || target === null) return null;
  let raw: number;
  if (direction === KpiDirection.HIGHER_IS_BETTER) {
    // A zero target leaves value / target undefined (the definition is silent): no attainment rather than an invented one.
    if (target === 0) return null;
    raw = value / target;
  } else {
    raw = value === 0 ? 2 : target / value;
  }
  return Math.min(2, Math.max(0, raw));
}

export function statusOf(a: { complete: boolean; value: number | null; target: number | null; attainment: number | null }): KpiStatus {
  if (!a.complete) return KpiStatus.INCOMPLETE;
  if (a.target === null) return KpiStatus.NO_TARGET;
  if (a.value === null) return KpiStatus.NO_VALUE;
  // A target and a value without attainment: only a zero target where higher is better (value / 0), which no value can be judged against.
  if (a.attainment === null) return KpiStatus.NO_TARGET;
  // Judged at 10 decimals, like a PERCENT value: 0.36 / 0.40 is 0.8999999999999999 in floating point, and a value that meets
  // 90 % of its target is AT_RISK, not OFF_TRACK.
  const judged = Math.round(a.attainment * 1e10) / 1e10;
  if (judged >= 1) return KpiStatus.ON_TRACK;
  if (judged >= 0.9) return KpiStatus.AT_RISK;
  return KpiStatus.OFF_TRACK;
}

/**
 * Which approved target a KPI value of a slice is measured against. Targets are set for the whole workspace or for one tier, so a
 * target applies to the ungrouped total (the no-tier target), to a TIER group or a filter on exactly one tier (that tier's target),
 * and to nothing else: a slice by another dimension (grouped or filtered) is not what any target was set for.
 * Returns `{ tier }` (null: the no-tier target) or null when no target applies.
 */
export function targetScopeOf(
  groupBy: readonly string[],
  group: Partial<Record<string, string | null>>,
  filter: Partial<Record<string, readonly string[] | undefined>>,
): { tier: string | null } | null {
  if (Object.entries(filter).some(([d, values]) => d !== 'TIER' && values !== undefined)) return null;
  if (groupBy.some((d) => d !== 'TIER')) return null;
  const tierFilter = filter.TIER;
  if (groupBy.includes('TIER')) return group.TIER ? { tier: group.TIER } : null;
  if (tierFilter) return tierFilter.length === 1 ? { tier: tierFilter[0] } : null;
  return { tier: null };
}
