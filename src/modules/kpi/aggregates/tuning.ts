import { DEFAULT_BACKGROUND_MONTH_MIN_CUSTOMERS, DEFAULT_SHARES_MIN_CUSTOMERS } from '../../../config/config';

/**
 * Process-wide tuning of the KPI aggregates: main.ts sets it from the configuration.
 * - `sharesMinCustomers`: from how many customers a workspace keeps its customers' shares of the latest periods
 *   (KPI_AGGREGATE_SHARES_MIN_CUSTOMERS; see its default).
 * - `backgroundMonthMinCustomers`: from how many customers a write that brings a new month leaves the month's periods to the
 *   background build instead of computing them itself (KPI_AGGREGATE_BACKGROUND_MONTH_MIN_CUSTOMERS; see its default).
 */
export const kpiAggregateTuning = {
  sharesMinCustomers: DEFAULT_SHARES_MIN_CUSTOMERS,
  backgroundMonthMinCustomers: DEFAULT_BACKGROUND_MONTH_MIN_CUSTOMERS,
};
