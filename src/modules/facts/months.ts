import { addMonths } from '../../core/period.calculator';

/** `YYYY-MM-01` of the month `count` months after the month of a `YYYY-MM-DD` date: the one period calculator's. */
export { addMonths };

/** The first day of the month of a `YYYY-MM-DD` date. */
export const monthOf = (date: string): string => `${date.slice(0, 7)}-01`;

/** Whole months from the month of `from` to the month of `to` (0 for the same month). */
export const monthsBetween = (from: string, to: string): number =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));

/** The longest MRR series a customer's `mrr` field returns. */
export const MAX_MRR_MONTHS = 600;
