import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from '../../core/scalars';
import { Dimension, ImpactOutcome, IndicatorKind, KpiDirection, KpiSection, KpiStatus, KpiUnit } from './catalogue/kpi.enums';
import { CUSTOMER_EQUITY_COUNTS, KPIS, KpiKey, equityComponentDescription, type EquityComponent } from './catalogue/kpi.definitions';
import { SalesChannel } from '../customers/customer.enums';
import { SegmentKeyScalar } from '../customers/segment.scalar';
import { Phase } from '../journeys/phase.entity';

@ObjectType({
  description:
    'The dimension values a series is computed for, named as the facts name them. A field not grouped on is null; a field grouped on is null for the group whose key is null (e.g. PARTNER for direct customers, or costs that name no customer).',
})
export class KpiGroup {
  @Field(() => String, { nullable: true, description: 'Tier key.' })
  tier!: string | null;

  @Field(() => SegmentKeyScalar, { nullable: true, description: 'Segment key.' })
  segment!: string | null;

  @Field(() => String, { nullable: true, description: 'Sales region.' })
  region!: string | null;

  @Field(() => SalesChannel, { nullable: true, description: 'Sales channel.' })
  channel!: SalesChannel | null;

  @Field(() => String, { nullable: true, description: 'Partner external id.' })
  partner!: string | null;

  @Field(() => String, { nullable: true, description: 'Campaign external id.' })
  campaign!: string | null;

  @Field(() => String, { nullable: true, description: 'Phase key (as of the last day of each period).' })
  phase!: string | null;
}

@ObjectType({ description: 'One period of a KPI series: its value and how it stands against its approved target.' })
export class KpiPoint {
  @Field(() => LocalDateResolver, { description: 'First day of the period.' })
  periodStart!: string;

  @Field(() => LocalDateResolver, { description: 'Last day of the period.' })
  periodEnd!: string;

  @Field(() => Float, {
    nullable: true,
    description:
      'The KPI value; null when undefined (zero denominator, no responses) and for a period that starts after the data-completeness watermark. A period in progress is computed to date.',
  })
  value!: number | null;

  @Field(() => Float, { nullable: true, description: 'The approved target for this KPI, grain, period and tier; null when none.' })
  target!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'value/target (higher is better) or target/value (lower is better), clamped to [0, 2]; null without target or value, and null when the period is not complete.',
  })
  attainment!: number | null;

  @Field(() => KpiStatus, { description: 'INCOMPLETE, NO_TARGET, NO_VALUE, or ON_TRACK / AT_RISK / OFF_TRACK from the attainment (see KpiStatus).' })
  status!: KpiStatus;

  @Field({
    description:
      "True when the period ends on or before the workspace's data-completeness watermark (`Workspace.effectiveDataCompleteThrough`): every fact of it is loaded. False for a period in progress at the watermark (its values are computed to date, through `dataThrough`) and for a period that starts after it (no values). Always true for a metric with recorded (OBSERVED) values: a value is recorded for its whole period.",
  })
  complete!: boolean;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description:
      'The last day the values are computed through: the period\'s own last day when complete, the last day of the watermark month when in progress, null when the period starts after the watermark.',
  })
  dataThrough!: string | null;
}

@ObjectType({ description: 'One KPI for one group, over every period of the requested range, oldest first.' })
export class KpiSeries {
  @Field(() => KpiKey, { description: 'The KPI (its definition: `kpiCatalog`).' })
  kpi!: KpiKey;

  @Field(() => KpiUnit, { description: 'The unit of its values.' })
  unit!: KpiUnit;

  @Field(() => KpiDirection, { description: 'Which way the KPI improves.' })
  direction!: KpiDirection;

  @Field(() => KpiGroup, { description: 'The group the values are computed over.' })
  group!: KpiGroup;

  @Field(() => [KpiPoint], { description: 'One point per period of the range, oldest first.' })
  points!: KpiPoint[];
}

@ObjectType({
  description:
    'Customer equity of one period, its components and the customer counts behind them. Every number is null for a period that starts after the data-completeness watermark.',
})
export class CustomerEquityPoint {
  @Field(() => LocalDateResolver, { description: 'First day of the period.' })
  periodStart!: string;

  @Field(() => LocalDateResolver, { description: 'Last day of the period.' })
  periodEnd!: string;

  @Field(() => Float, { nullable: true, description: `Customer equity: ${KPIS.CUSTOMER_EQUITY.formula}` })
  total!: number | null;

  @Field(() => Float, { nullable: true, description: equityComponentDescription('newRevenue') })
  newRevenue!: number | null;

  @Field(() => Float, { nullable: true, description: equityComponentDescription('acquisitionCost') })
  acquisitionCost!: number | null;

  @Field(() => Float, { nullable: true, description: equityComponentDescription('existingRevenue') })
  existingRevenue!: number | null;

  @Field(() => Float, { nullable: true, description: equityComponentDescription('servicingCost') })
  servicingCost!: number | null;

  @Field(() => Float, { nullable: true, description: equityComponentDescription('churnLoss') })
  churnLoss!: number | null;

  @Field(() => Int, { nullable: true, description: 'NEW_CUSTOMERS of the period: the customers whose revenue counts as new.' })
  newCustomers!: number | null;

  @Field(() => Int, { nullable: true, description: 'RETAINED_CUSTOMERS of the period.' })
  retainedCustomers!: number | null;

  @Field(() => Int, { nullable: true, description: 'CHURNED_CUSTOMERS of the period: the customers behind the churn loss.' })
  churnedCustomers!: number | null;

  @Field({
    description:
      "True when the period ends on or before the workspace's data-completeness watermark (`Workspace.effectiveDataCompleteThrough`): every fact of it is loaded. False for a period in progress at the watermark (its values are computed to date, through `dataThrough`) and for a period that starts after it (no values).",
  })
  complete!: boolean;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description:
      'The last day the values are computed through: the period\'s own last day when complete, the last day of the watermark month when in progress, null when the period starts after the watermark.',
  })
  dataThrough!: string | null;
}
/** Every component and count of the catalogue is a field of the point: one added there fails to compile until it is added here. */
const _everyComponentIsAField: [Exclude<EquityComponent | keyof typeof CUSTOMER_EQUITY_COUNTS, keyof CustomerEquityPoint>] extends [never] ? true : never = true;

@ObjectType({ description: 'Customer equity of one group over every period of the range, oldest first.' })
export class CustomerEquitySeries {
  @Field(() => KpiGroup, { description: 'The group the values are computed over.' })
  group!: KpiGroup;

  @Field(() => [CustomerEquityPoint], { description: 'One point per period of the range, oldest first.' })
  points!: CustomerEquityPoint[];
}

@ObjectType({ description: 'A period of a KPI range.' })
export class KpiPeriod {
  @Field(() => LocalDateResolver, { description: 'First day of the period.' })
  periodStart!: string;

  @Field(() => LocalDateResolver, { description: 'Last day of the period.' })
  periodEnd!: string;
}

@ObjectType({ description: 'A column of the KPI matrix: one KPI or one metric of the workspace, and how to read it.' })
export class KpiMatrixColumn {
  @Field({ description: "The column's key: the KPI key of a KPI column, the metric's key of a metric column." })
  key!: string;

  @Field({ description: "A display name: the KPI's name in the catalogue, or the metric's name." })
  name!: string;

  @Field(() => KpiKey, {
    nullable: true,
    description: 'The KPI the values are computed from: the KPI of a KPI column, or of a metric whose source is a KPI; null for an OBSERVED metric.',
  })
  kpi!: KpiKey | null;

  @Field(() => String, { nullable: true, description: 'The key of the metric of a metric column (`metricKeys`); null for a KPI column.' })
  metricKey!: string | null;

  @Field(() => KpiUnit, { description: 'The unit of its values.' })
  unit!: KpiUnit;

  @Field(() => KpiDirection, { description: 'Which way it improves (a falling CAC is good news).' })
  direction!: KpiDirection;

  @Field({
    description:
      "Whether the rows add up to the total row: the KPI's additivity (for a KPI-source metric, its KPI's); false for an OBSERVED metric, whose values are recorded per tier and for the workspace independently.",
  })
  additive!: boolean;
}

@ObjectType({
  description:
    'One cell: a KPI for one row in the matrix period (the last period of the range), with its target, attainment, status and change against the period before; `series` holds the whole range.',
})
export class KpiMatrixCell {
  @Field({ description: 'The key of the column (`KpiMatrixColumn.key`).' })
  key!: string;

  @Field(() => KpiKey, { nullable: true, description: 'The KPI of the column; null in the column of an OBSERVED metric.' })
  kpi!: KpiKey | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The actual value in the matrix period (to date when in progress); null when undefined or when the period starts after the watermark.',
  })
  value!: number | null;

  @Field(() => Float, { nullable: true, description: 'The approved target for the matrix period; null when none.' })
  target!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Attainment against the target, in [0, 2]; null without target or value, and null when the period is not complete.',
  })
  attainment!: number | null;

  @Field(() => KpiStatus, { description: 'INCOMPLETE, NO_TARGET, NO_VALUE, or ON_TRACK / AT_RISK / OFF_TRACK from the attainment (see KpiStatus).' })
  status!: KpiStatus;

  @Field({
    description:
      "True when the period ends on or before the workspace's data-completeness watermark (`Workspace.effectiveDataCompleteThrough`): every fact of it is loaded. False for a period in progress at the watermark (its values are computed to date, through `dataThrough`) and for a period that starts after it (no values).",
  })
  complete!: boolean;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description:
      'The last day the values are computed through: the period\'s own last day when complete, the last day of the watermark month when in progress, null when the period starts after the watermark.',
  })
  dataThrough!: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The value in the period before the matrix period (computed even when that period is outside the range).',
  })
  previousValue!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'value − previousValue; null when either is null, and null unless both periods are complete: a period to date against a whole period is no comparison.',
  })
  change!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      '(value − previousValue) / |previousValue|, e.g. 0.1 for +10%; null when `change` is null or previousValue is 0.',
  })
  relativeChange!: number | null;

  @Field(() => [KpiPoint], { description: 'This cell over every period of the range, oldest first (the last point is the cell itself).' })
  series!: KpiPoint[];
}

/** What a row of the KPI matrix stands for. */
export enum KpiMatrixRowKind {
  GROUP = 'GROUP',
  UNASSIGNED = 'UNASSIGNED',
  TOTAL = 'TOTAL',
}
registerEnumType(KpiMatrixRowKind, {
  name: 'KpiMatrixRowKind',
  description: 'What a row of the KPI matrix stands for, so that a dashboard can label it without reading its key.',
  valuesConfig: {
    GROUP: { description: 'One value of the row dimension (a tier, a segment, a partner, …), named by `key`.' },
    UNASSIGNED: {
      description:
        'Everything with no value for the row dimension (`key` null): fact rows that name no customer, such as costs not booked to a customer (under CAMPAIGN: nor to a campaign), and customers without a value — a direct customer under PARTNER, a customer without an acquisition campaign under CAMPAIGN, one with no phase entered yet under PHASE. Listed last before the total, only when it has facts. Label it e.g. "Unassigned" ("Direct" under PARTNER).',
    },
    TOTAL: { description: 'The total over every customer and fact row that passes the filter: the last row.' },
  },
});

@ObjectType({ description: 'A row of the KPI matrix: one value of the row dimension, the row of facts without a value for it, or the total.' })
export class KpiMatrixRow {
  @Field(() => KpiMatrixRowKind, { description: 'GROUP, UNASSIGNED or TOTAL: what the row stands for.' })
  kind!: KpiMatrixRowKind;

  @Field({ description: 'True for the total row (every customer and fact row that passes the filter); the same as `kind: TOTAL`.' })
  total!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The row dimension value (tier key, segment, …) of a GROUP row; null for the UNASSIGNED and TOTAL rows.',
  })
  key!: string | null;

  @Field(() => KpiGroup, { description: 'The row as a group (all fields null for the total row).' })
  group!: KpiGroup;

  @Field(() => [KpiMatrixCell], { description: 'One cell per column, in the order of `KpiMatrix.columns`.' })
  cells!: KpiMatrixCell[];
}

@ObjectType({
  description:
    'The KPI dashboard: one row per value of the row dimension plus a total row (last), one column per KPI or metric. The cells show the last period of the range (`periodStart`–`periodEnd`) and its change against the period before; each cell carries its series over the whole range (`periods`). Rows of TIER are in tier rank order and list every tier, even one without data; other dimensions list the values found in the data, alphabetically, the null key last.',
})
export class KpiMatrix {
  @Field(() => Dimension, { description: 'The dimension of the rows.' })
  rowDimension!: Dimension;

  @Field(() => LocalDateResolver, { description: 'First day of the period the cells show (the last period of the range).' })
  periodStart!: string;

  @Field(() => LocalDateResolver, { description: 'Last day of the period the cells show.' })
  periodEnd!: string;

  @Field(() => [KpiPeriod], { description: 'Every period of the range, oldest first: the periods of each cell series.' })
  periods!: KpiPeriod[];

  @Field(() => [KpiMatrixColumn], { description: 'One column per requested KPI, then per requested metric, in request order.' })
  columns!: KpiMatrixColumn[];

  @Field(() => [KpiMatrixRow], { description: 'The rows, the total row last.' })
  rows!: KpiMatrixRow[];
}

@ObjectType({
  description:
    'How a leading indicator relates to a money outcome: over every customer active at the end of each period of the range, the indicator for that customer alone over the period against the outcome over the next period.',
})
export class IndicatorImpact {
  @Field(() => KpiKey, { description: 'The indicator.' })
  indicator!: KpiKey;

  @Field(() => ImpactOutcome, { description: 'The outcome.' })
  outcome!: ImpactOutcome;

  @Field(() => Float, { nullable: true, description: "Pearson's r; null under 3 pairs or when either side has no variance." })
  r!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The least-squares slope of outcome on indicator; null under 3 pairs or when either side has no variance.',
  })
  slope!: number | null;

  @Field(() => Int, {
    description: '(customer, period) pairs used: customers active at period end whose indicator is not null. With one period, customers.',
  })
  n!: number;
}

@ObjectType({ description: 'One phase of a journey in one period: who entered it, who went on to a later phase, and how long they stayed.' })
export class PhaseFunnelStep {
  phaseId!: string;

  @Field(() => Phase, { description: 'The phase.' })
  phase?: Phase;

  @Field(() => LocalDateResolver, { description: 'First day of the period.' })
  periodStart!: string;

  @Field(() => LocalDateResolver, { description: 'Last day of the period.' })
  periodEnd!: string;

  @Field(() => Int, { description: 'Customers with a PHASE_ENTERED event for the phase in the period, each counted once (first entry).' })
  entered!: number;

  @Field(() => Int, {
    description: 'Of those, customers with a PHASE_ENTERED event for a later phase of the journey after that entry (at any later time).',
  })
  advanced!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'advanced / entered; null when nobody entered, and for the last phase of the journey, which has no later phase to advance to (its `advanced` is 0).',
  })
  conversionRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "Median (percentile_cont 0.5) of calendar days (UTC) from that entry to the customer's next PHASE_ENTERED event in this journey, over those who have one; null when none has.",
  })
  medianDaysInPhase!: number | null;
}

@ObjectType({
  description:
    'One KPI of the catalogue: what it is, how it is computed and how to read it, so that a dashboard can label its columns and split leading from trailing indicators without a list of its own. The notation of the formulas is defined on `KpiKey`.',
})
export class KpiDefinition {
  @Field(() => KpiKey, { description: 'The key that `kpis`, `kpiMatrix`, targets and metrics name it by.' })
  key!: KpiKey;

  @Field({ description: 'A display name, e.g. "Net revenue retention".' })
  name!: string;

  @Field({ description: 'What it tells, in a sentence or two.' })
  description!: string;

  @Field({ description: 'How it is computed, in words: its numerator and denominator, and when it is null.' })
  formula!: string;

  @Field(() => KpiUnit, { description: 'The unit of its values.' })
  unit!: KpiUnit;

  @Field(() => KpiDirection, { description: 'Which way it improves; attainment against a target follows it.' })
  direction!: KpiDirection;

  @Field(() => IndicatorKind, { description: 'LEADING when it moves before revenue does, TRAILING when it reports results.' })
  indicator!: IndicatorKind;

  @Field({ description: 'True when the values of groups add up to the ungrouped value (counts, amounts); false for ratios and medians.' })
  additive!: boolean;

  @Field(() => KpiSection, { description: 'The group it belongs to in the catalogue.' })
  section!: KpiSection;
}
