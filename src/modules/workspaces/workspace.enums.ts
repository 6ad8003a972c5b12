import { registerEnumType } from 'type-graphql';

/** How a workspace's customers pay, and so what a customer's monthly value is (every customer KPI stands on it). */
export enum BusinessModel {
  SUBSCRIPTION = 'SUBSCRIPTION',
  TRANSACTIONAL = 'TRANSACTIONAL',
}
registerEnumType(BusinessModel, {
  name: 'BusinessModel',
  description:
    "How the workspace's customers pay. It decides a customer's monthly value, on which every customer KPI stands (active, new, churned and reactivated customers, the MRR movements, NRR, GRR, ARPA, CLV, customer equity).",
  valuesConfig: {
    SUBSCRIPTION: {
      description: "Customers subscribe: a customer's monthly value is its RECURRING revenue of the month; it is active while it pays.",
    },
    TRANSACTIONAL: {
      description:
        "Customers buy by order (a retailer, a distributor): a customer's monthly value is its run rate, the average monthly revenue (every revenue row, plus orders net of refunds) over the last `activityWindowMonths` months, never below 0; it is active while it buys, churned once it lapses, reactivated when it buys again.",
    },
  },
});

/** The activity window a workspace starts with, and its bounds, in months. */
export const DEFAULT_ACTIVITY_WINDOW_MONTHS = 12;
export const MIN_ACTIVITY_WINDOW_MONTHS = 1;
export const MAX_ACTIVITY_WINDOW_MONTHS = 36;
