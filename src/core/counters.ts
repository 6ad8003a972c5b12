import { Counter, type Registry } from 'prom-client';

/**
 * The app's counter of that name, made on first use: modules that count the same thing (e.g. rows ingested) share it, and
 * two apps in one process (the tests run several) never do.
 */
export function counterIn<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter<L>({ name, help, labelNames, registers: [registry] });
}
