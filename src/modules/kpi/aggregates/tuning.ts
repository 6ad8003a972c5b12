import { DEFAULT_BACKGROUND_MONTH_MIN_CUSTOMERS, DEFAULT_SHARES_MIN_CUSTOMERS } from '../../../config/config';

/**
 * Process-wide tuning of the KPI aggregates: main.ts sets it from the configuration.
 * - `sharesMinCustomers`: from how many customers a workspace keeps its customers' shares of the latest periods
 *   (KPI_AGGREGATE_SHARES_MIN_CUSTOMERS; see its default).
 * - `backgroundMonthMinCustomers`: from how many customers a write that brings a new month leaves the month's periods to the
 *   background build instead of computing them itself (KPI_AGGREGATE_BACKGROUND_MONTH_MIN_CUSTOMERS; see its default).
 * - `reconciledSteps`: a build step overtaken by a write is reconciled with the writes made meanwhile (reconciledStep); off,
 *   after three attempts it holds the workspace's writes for its whole length, as builds did before (KPI_AGGREGATE_RECONCILED_STEPS).
 */
export const kpiAggregateTuning = {
  sharesMinCustomers: DEFAULT_SHARES_MIN_CUSTOMERS,
  backgroundMonthMinCustomers: DEFAULT_BACKGROUND_MONTH_MIN_CUSTOMERS,
  reconciledSteps: true,
};
