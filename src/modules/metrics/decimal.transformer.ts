import type { ValueTransformer } from 'typeorm';

/** Metric values and targets are stored as numeric (exact as sent); pg returns numeric as a string. */
export const decimal: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
