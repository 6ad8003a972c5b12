import { registerEnumType } from 'type-graphql';

export enum Grain {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
registerEnumType(Grain, {
  name: 'Grain',
  description: "Length of a KPI period. Quarters and years are aligned to the workspace's `fiscalYearStartMonth`.",
  valuesConfig: {
    MONTH: { description: 'One calendar month.' },
    QUARTER: { description: 'Three months; fiscal quarters start in the fiscal year start month and every third month after it.' },
    YEAR: { description: 'Twelve months, starting in the fiscal year start month.' },
  },
});
