import { registerEnumType } from 'type-graphql';

/** Every KPI of shared/KPIS.md. Each is defined once, in kpi.definitions.ts; the enum descriptions are generated from there. */
export enum KpiKey {
  ACTIVE_CUSTOMERS = 'ACTIVE_CUSTOMERS',
  NEW_CUSTOMERS = 'NEW_CUSTOMERS',
  CHURNED_CUSTOMERS = 'CHURNED_CUSTOMERS',
  RETAINED_CUSTOMERS = 'RETAINED_CUSTOMERS',
  LOGO_CHURN_RATE = 'LOGO_CHURN_RATE',
  MRR = 'MRR',
  NEW_MRR = 'NEW_MRR',
  EXPANSION_MRR = 'EXPANSION_MRR',
  CONTRACTION_MRR = 'CONTRACTION_MRR',
  CHURNED_MRR = 'CHURNED_MRR',
  REACTIVATION_MRR = 'REACTIVATION_MRR',
  NRR = 'NRR',
  GRR = 'GRR',
  GROSS_MRR_CHURN_RATE = 'GROSS_MRR_CHURN_RATE',
  ARPA = 'ARPA',
  REVENUE = 'REVENUE',
  TTM_REVENUE = 'TTM_REVENUE',
  GROSS_MARGIN = 'GROSS_MARGIN',
  TTM_MARGIN = 'TTM_MARGIN',
  CAC = 'CAC',
  CRC = 'CRC',
  CLV = 'CLV',
  LTV_TO_CAC = 'LTV_TO_CAC',
  CAC_PAYBACK_MONTHS = 'CAC_PAYBACK_MONTHS',
  NEW_CUSTOMER_VALUE = 'NEW_CUSTOMER_VALUE',
  CUSTOMER_EQUITY = 'CUSTOMER_EQUITY',
  CSAT = 'CSAT',
  NPS = 'NPS',
  TICKETS_PER_CUSTOMER = 'TICKETS_PER_CUSTOMER',
  REFERENCE_CALLS = 'REFERENCE_CALLS',
  DSO = 'DSO',
  SERVICES_ATTACH_RATE = 'SERVICES_ATTACH_RATE',
  TIME_TO_VALUE_DAYS = 'TIME_TO_VALUE_DAYS',
  CONTENT_ENGAGEMENT_RATE = 'CONTENT_ENGAGEMENT_RATE',
}

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
  description: 'What KPIs can be grouped and filtered by (shared/KPIS.md, "Grouping and filtering").',
  valuesConfig: {
    TIER: { description: "The customer's current tier, named by its key." },
    SEGMENT: { description: "The customer's current size segment." },
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
    PERCENT: { description: 'A share, as a fraction: 0.25 means 25%. Retention rates can exceed 1.' },
    RATIO: { description: 'A plain ratio, e.g. 3.2 for LTV:CAC.' },
    COUNT: { description: 'A number of customers or events.' },
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
});

export enum ImpactOutcome {
  NEXT_PERIOD_CHURNED = 'NEXT_PERIOD_CHURNED',
  NEXT_PERIOD_NRR = 'NEXT_PERIOD_NRR',
}
registerEnumType(ImpactOutcome, {
  name: 'ImpactOutcome',
  description: 'The money outcome an indicator is related to, over the period after the one it is measured in (KPIS.md, "Indicator impact").',
  valuesConfig: {
    NEXT_PERIOD_CHURNED: { description: "1 when the customer's MRR in the last month of the next period is 0, else 0." },
    NEXT_PERIOD_NRR: { description: "The customer's MRR in the last month of the next period over its MRR in the last month of this one." },
  },
});
