import { registerEnumType } from 'type-graphql';

/** The period grain is period maths (core); re-exported here beside the other KPI enums. */
export { Grain } from '../../../core/grain.enum';

export enum Dimension {
  TIER = 'TIER',
  SEGMENT = 'SEGMENT',
  REGION = 'REGION',
  CHANNEL = 'CHANNEL',
  PARTNER = 'PARTNER',
  CAMPAIGN = 'CAMPAIGN',
  PHASE = 'PHASE',
}
registerEnumType(Dimension, {
  name: 'Dimension',
  description:
    "What KPIs can be grouped and filtered by. A fact row that names a customer takes that customer's current keys; a cost row that names no customer has no customer key (it falls in the group whose keys are null). A group computes each KPI over its own customers and rows: the groups of an additive KPI add up to the total, a ratio is its group's own numerator over its own denominator.",
  valuesConfig: {
    TIER: { description: "The customer's current tier, named by its key." },
    SEGMENT: { description: "The customer's current segment (the workspace's own list, `segments`)." },
    REGION: { description: "The customer's current sales region." },
    CHANNEL: { description: "The customer's current sales channel (DIRECT or PARTNER)." },
    PARTNER: { description: "The external id of the customer's partner; null for a direct customer." },
    CAMPAIGN: {
      description:
        "The external id of a cost row's own campaign where it names one, otherwise the customer's acquisition campaign.",
    },
    PHASE: {
      description: "The key of the phase of the customer's latest PHASE_ENTERED event on or before the last day of the period.",
    },
  },
});

export enum KpiStatus {
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  OFF_TRACK = 'OFF_TRACK',
  NO_TARGET = 'NO_TARGET',
  NO_VALUE = 'NO_VALUE',
  INCOMPLETE = 'INCOMPLETE',
}
registerEnumType(KpiStatus, {
  name: 'KpiStatus',
  description:
    'How a value stands against its approved target. The first that applies: INCOMPLETE, NO_TARGET, NO_VALUE, then ON_TRACK, AT_RISK or OFF_TRACK from the attainment.',
  valuesConfig: {
    ON_TRACK: { description: 'Attainment ≥ 1: the target is met.' },
    AT_RISK: { description: 'Attainment ≥ 0.9 and < 1: within 10% of the target.' },
    OFF_TRACK: { description: 'Attainment < 0.9.' },
    NO_TARGET: { description: 'The period is complete but no target is approved for it: nothing to judge the value against.' },
    NO_VALUE: {
      description:
        'The period is complete and a target is approved, but the value is null (e.g. a rate whose denominator is 0): it cannot be judged.',
    },
    INCOMPLETE: {
      description:
        "The period is not complete: it ends after the workspace's data-completeness watermark (in progress, computed to date, or not started). Attainment is null whatever the target: a quarter in progress is not judged against the whole quarter's target.",
    },
  },
});

export enum KpiUnit {
  CURRENCY = 'CURRENCY',
  PERCENT = 'PERCENT',
  RATIO = 'RATIO',
  COUNT = 'COUNT',
  DAYS = 'DAYS',
  MONTHS = 'MONTHS',
  SCORE = 'SCORE',
}
registerEnumType(KpiUnit, {
  name: 'KpiUnit',
  description: 'The unit of a KPI value.',
  valuesConfig: {
    CURRENCY: { description: 'An amount in the workspace currency, exact to the cent.' },
    PERCENT: {
      description:
        'A share, written as a fraction: 0.25 means 25 %. From 0 to 1, except NRR (expansion lifts it over 1; its targets go up to 10) and the margins (below 0 when costs exceed revenue). Recorded values and targets outside are refused.',
    },
    RATIO: { description: 'A plain ratio, e.g. 3.2 for LTV:CAC.' },
    COUNT: { description: 'A number of customers or events (never negative).' },
    DAYS: { description: 'Calendar days.' },
    MONTHS: { description: 'Months.' },
    SCORE: { description: 'A score on its own scale (NPS: -100 to 100).' },
  },
});

export enum KpiDirection {
  HIGHER_IS_BETTER = 'HIGHER_IS_BETTER',
  LOWER_IS_BETTER = 'LOWER_IS_BETTER',
}
registerEnumType(KpiDirection, {
  name: 'KpiDirection',
  description: 'Which way a KPI improves; attainment is value/target when higher is better and target/value when lower is.',
  valuesConfig: {
    HIGHER_IS_BETTER: { description: 'A higher value is better (revenue, retention): attainment is value ÷ target.' },
    LOWER_IS_BETTER: { description: 'A lower value is better (churn, costs, days): attainment is target ÷ value (2 when the value is 0).' },
  },
});

export enum ImpactOutcome {
  NEXT_PERIOD_CHURNED = 'NEXT_PERIOD_CHURNED',
  NEXT_PERIOD_NRR = 'NEXT_PERIOD_NRR',
}
registerEnumType(ImpactOutcome, {
  name: 'ImpactOutcome',
  description: 'The money outcome an indicator is related to, over the period after the one it is measured in.',
  valuesConfig: {
    NEXT_PERIOD_CHURNED: { description: "1 when the customer's MRR in the last month of the next period is 0, else 0." },
    NEXT_PERIOD_NRR: { description: "The customer's MRR in the last month of the next period over its MRR in the last month of this one." },
  },
});

export enum IndicatorKind {
  LEADING = 'LEADING',
  TRAILING = 'TRAILING',
}
registerEnumType(IndicatorKind, {
  name: 'IndicatorKind',
  description: 'Whether a KPI or metric tells early about results (leading) or reports them (trailing).',
  valuesConfig: {
    LEADING: { description: 'Moves before the results do (activities, engagement, satisfaction, payment behaviour).' },
    TRAILING: { description: 'Reports results after the fact (customers, revenue, retention, margins, equity).' },
  },
});

/** The groups of the KPI catalogue, in the order a reader meets them. */
export enum KpiSection {
  CUSTOMERS = 'CUSTOMERS',
  RECURRING_REVENUE = 'RECURRING_REVENUE',
  REVENUE_COST_MARGIN = 'REVENUE_COST_MARGIN',
  CUSTOMER_EQUITY = 'CUSTOMER_EQUITY',
  ORDERS = 'ORDERS',
  LEADING_INDICATORS = 'LEADING_INDICATORS',
}
/** A section's title, as the catalogue's documentation heads it. */
export const SECTION_TITLES: Record<KpiSection, string> = {
  [KpiSection.CUSTOMERS]: 'Customers',
  [KpiSection.RECURRING_REVENUE]: 'Recurring revenue movements',
  [KpiSection.REVENUE_COST_MARGIN]: 'Revenue, cost and margin',
  [KpiSection.CUSTOMER_EQUITY]: 'Customer equity',
  [KpiSection.ORDERS]: 'Orders',
  [KpiSection.LEADING_INDICATORS]: 'Leading indicators',
};
registerEnumType(KpiSection, {
  name: 'KpiSection',
  description: 'The group a KPI belongs to in the catalogue.',
  valuesConfig: {
    CUSTOMERS: { description: 'How many customers pay, were won, were kept and were lost.' },
    RECURRING_REVENUE: { description: 'How recurring revenue moved from the base month to the last month of the period.' },
    REVENUE_COST_MARGIN: { description: 'Revenue, costs, margins and the value of customers against what they cost.' },
    CUSTOMER_EQUITY: { description: 'The value of the customer base over the period, net of what it cost and what churn took away.' },
    ORDERS: { description: 'How many orders customers place, their average value, how much is refunded, and how often customers buy again.' },
    LEADING_INDICATORS: { description: 'Satisfaction, engagement, support and payment signals that move before revenue does.' },
  },
});

/** The customers behind a customer count, for a drill-down (`kpiCustomers`). */
export enum CustomerSet {
  ACTIVE = 'ACTIVE',
  NEW = 'NEW',
  CHURNED = 'CHURNED',
  RETAINED = 'RETAINED',
  REACTIVATED = 'REACTIVATED',
}

registerEnumType(CustomerSet, {
  name: 'CustomerSet',
  description:
    'A set of customers of one period P (first month s, last month e, base month b = the month before s), as the customer KPIs count them.',
  valuesConfig: {
    ACTIVE: { description: 'Customers with a monthly value above 0 in e: the customers of ACTIVE_CUSTOMERS.' },
    NEW: { description: 'Customers whose first month with a monthly value above 0 lies in P (even if no longer active at e): NEW_CUSTOMERS.' },
    CHURNED: { description: 'Customers active in b and not in e: CHURNED_CUSTOMERS.' },
    RETAINED: { description: 'Customers active in b and in e: RETAINED_CUSTOMERS.' },
    REACTIVATED: {
      description: 'Customers active in e, not in b, whose first month lies before P: the customers behind REACTIVATION_MRR.',
    },
  },
});

/** How one customer moved the MRR from the base month to the last month of a period. */
export enum MrrMovement {
  NEW = 'NEW',
  EXPANSION = 'EXPANSION',
  CONTRACTION = 'CONTRACTION',
  CHURN = 'CHURN',
  REACTIVATION = 'REACTIVATION',
  FLAT = 'FLAT',
}

registerEnumType(MrrMovement, {
  name: 'MrrMovement',
  description: "A customer's part of the MRR bridge of a period (MRR at e − MRR at b = new + expansion − contraction − churned + reactivation).",
  valuesConfig: {
    NEW: { description: 'Its first month lies in the period (also when it is no longer active at e): it adds its MRR at e to NEW_MRR.' },
    EXPANSION: { description: 'Active in b and paying more in e: it adds the increase to EXPANSION_MRR.' },
    CONTRACTION: { description: 'Active in b and paying less, but still above 0, in e: it adds the decrease to CONTRACTION_MRR.' },
    CHURN: { description: 'Active in b, not in e: it adds its MRR at b to CHURNED_MRR.' },
    REACTIVATION: { description: 'Active in e, not in b, first month before the period: it adds its MRR at e to REACTIVATION_MRR.' },
    FLAT: { description: 'Active in b and paying the same in e.' },
  },
});
