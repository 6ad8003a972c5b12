import { DEFAULT_SHARES_MIN_CUSTOMERS } from '../../../config/config';

/**
 * Process-wide tuning of the KPI aggregates: main.ts sets it from the configuration. `sharesMinCustomers`: from how many customers
 * a workspace keeps its customers' shares of the latest periods (KPI_AGGREGATE_SHARES_MIN_CUSTOMERS; see its default).
 */
export const kpiAggregateTuning = { sharesMinCustomers: DEFAULT_SHARES_MIN_CUSTOMERS };
