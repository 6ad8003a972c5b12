import { registerEnumType } from 'type-graphql';

export enum Grain {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
registerEnumType(Grain, {
  name: 'Grain',
  description:
    "Length of a KPI period: k = 1, 3 or 12 months. Quarters and years are aligned to the workspace's `fiscalYearStartMonth`. In the KPI formulas, s is a period's first month, e its last month, and b its base month, the month before s (for the second calendar quarter of 2025: s April, e June, b March).",
  valuesConfig: {
    MONTH: { description: 'One calendar month.' },
    QUARTER: { description: 'Three months; fiscal quarters start in the fiscal year start month and every third month after it.' },
    YEAR: { description: 'Twelve months, starting in the fiscal year start month.' },
  },
});
