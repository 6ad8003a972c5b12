import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isFirstOfMonth, moneyProblem } from '../ingestion';

/** An amount of numeric(14,2): not negative, at most two decimals. */
export function IsMoney(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMoney',
      validator: {
        validate: (value: unknown) => typeof value === 'number' && moneyProblem(value) === null,
        defaultMessage: (args) => `${args?.property} ${typeof args?.value === 'number' ? moneyProblem(args.value) : 'must be a number'}`,
      },
    },
    options,
  );
}

/** A month, named by its first day (`YYYY-MM-01`). */
export function IsFirstOfMonth(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isFirstOfMonth',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isFirstOfMonth(value),
        defaultMessage: (args) => `${args?.property} must be the first day of a month, e.g. "2025-03-01" (got "${String(args?.value)}")`,
      },
    },
    options,
  );
}

/** External ids are the caller's own identifiers: 1 to 200 characters, not blank. */
export const EXTERNAL_ID_PATTERN = /^\S(.{0,198}\S)?$/s;
export const EXTERNAL_ID_RULE = { message: '$property must be 1 to 200 characters, without leading or trailing spaces' };
