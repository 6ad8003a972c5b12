import type { ValueTransformer } from 'typeorm';

/** numeric(14,2) arrives from pg as a string; amounts have at most two decimals, so a JS number holds them exactly enough to print. */
export const money: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
