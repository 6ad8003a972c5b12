import { AppError, ErrorCode, badInput } from '../../core/errors';
import { periodsBetween } from '../../core/period.calculator';
import type { Grain } from '../kpi/catalogue/kpi.enums';
import { LEVEL_HEIGHT, parentLevelsOf, type MetricLevel } from './metric.enums';

/** The rules of metrics, their links and their recorded values that need no database: shared by the metric services and targets. */

/** Recorded values and targets are numeric; beyond this a value is surely a mistake. */
export const MAX_ABS_VALUE = 1e15;
const MAX_WEIGHT = 1_000_000;

export const metricNotFound = (key: string) => new AppError(ErrorCode.NOT_FOUND, `No metric with key "${key}" in this workspace.`, { key });

/** Whether `date` is the first day of a period of `grain` under the workspace's fiscal year. */
export function isPeriodStart(grain: Grain, date: string, fiscalYearStartMonth: number): boolean {
  const [period] = periodsBetween(grain, date, date, fiscalYearStartMonth);
  return period?.start === date;
}

export function periodStartProblem(grain: Grain, date: string, fiscalYearStartMonth: number): string | null {
  if (isPeriodStart(grain, date, fiscalYearStartMonth)) return null;
  if (grain === 'MONTH') return `must be the first day of a month, e.g. "2025-03-01" (got "${date}")`;
  return `must be the first day of a fiscal ${grain.toLowerCase()} (the fiscal year starts in month ${fiscalYearStartMonth}); got "${date}"`;
}

/** The level rule of metric chains: a child links only to a parent of a strictly higher level. */
export function levelRuleProblem(child: { key: string; level: MetricLevel }, parent: { key: string; level: MetricLevel }): string | null {
  if (LEVEL_HEIGHT[parent.level] > LEVEL_HEIGHT[child.level]) return null;
  const allowed = parentLevelsOf(child.level);
  if (allowed.length === 0) return `"${child.key}" is ${child.level}, the top of every chain: it links to no parent`;
  return `an ${child.level} metric ("${child.key}") links only to a parent of a higher level (${allowed.join(', ')}); "${parent.key}" is ${parent.level}`;
}

/** A link's weight, or BAD_USER_INPUT when it is not one. */
export function checkedWeight(weight: number): number {
  if (!Number.isFinite(weight) || weight <= 0 || weight > MAX_WEIGHT) {
    throw badInput([{ path: 'weight', message: `weight must be greater than 0 and at most ${MAX_WEIGHT.toLocaleString('en')}; got ${weight}` }]);
  }
  return weight;
}
