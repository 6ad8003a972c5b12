import type { NonEmptyArray } from 'type-graphql';
import type { DataSource } from 'typeorm';
import type { Registry } from 'prom-client';
import type { Loaders, Services } from './context';
import { primaryReads, type ReplicaReads } from './reads';
import type { KpiLimits } from './kpi-limits';

/** What an app gives its modules when it makes their services: state here belongs to that app, not to the process. */
export interface AppResources {
  dataSource: DataSource;
  /** The app's Prometheus registry: a module registers its counters here (see `counterIn`). */
  registry: Registry;
  /** Where reads a read replica may serve run (the primary when there is none). */
  reads: ReplicaReads;
  /** What the KPI engine may spend per statement and at once (MAX_KPI_ROWS, KPI_CONCURRENCY…); the defaults when not given. */
  kpiLimits?: KpiLimits;
  /** How long verified API keys are cached (API_KEY_CACHE_SECONDS); not given: not cached (scripts). */
  apiKeyCacheSeconds?: number;
}

/** An app without a read replica may leave `reads` out. */
export type AppResourcesInput = Omit<AppResources, 'reads'> & Partial<Pick<AppResources, 'reads'>>;

/** What a module's loaders are made for: one request of one caller. */
export interface LoaderScope {
  dataSource: DataSource;
  workspaceId: string;
  /** Set for a PARTNER key: the only partner whose customers it sees. */
  partnerId: string | null;
  /** The caller's API key (the KPI engine's slots are counted per key). */
  keyId: string;
  /** The app's services (e.g. for the app's KPI cache). */
  services: Services;
  /** Where reads a read replica may serve run (the primary when there is none). */
  reads: ReplicaReads;
  /** The loaders of the modules listed before this one. */
  loaders: Loaders;
}

/**
 * A feature as the app sees it, exported by the `index.ts` of its folder under `src/modules/`: its entities (for the
 * DataSource and migrations), its resolvers (for the schema), and how to make its services (once per app) and its
 * loaders (once per request). The app's one list of manifests is `src/app.modules.ts`.
 */
export interface ModuleManifest {
  name: string;
  entities: Function[];
  resolvers: Function[];
  /** Made once per app. `services` holds those of the modules listed before this one. */
  services?(app: AppResources, services: Services): Partial<Services>;
  loaders?(scope: LoaderScope): Partial<Loaders>;
}

export function entitiesOf(modules: readonly ModuleManifest[]): Function[] {
  return modules.flatMap((m) => m.entities);
}

export function resolversOf(modules: readonly ModuleManifest[]): NonEmptyArray<Function> {
  const resolvers = modules.flatMap((m) => m.resolvers);
  if (resolvers.length === 0) throw new Error('No module contributes a resolver: the schema would be empty.');
  return resolvers as NonEmptyArray<Function>;
}

/** Made so far: a module reading one of a module listed after it fails at start, naming both. */
function soFar<T extends object>(built: Partial<T>, what: string, reader: string): T {
  return new Proxy(built, {
    get(target, property) {
      if (typeof property === 'string' && !(property in target) && property !== 'then') {
        throw new Error(`Module "${reader}" reads ${what} "${property}" before it exists: list its module first in src/app.modules.ts.`);
      }
      return Reflect.get(target, property);
    },
  }) as T;
}

/** The services of every module, made once per app, in list order. */
export function createServices(modules: readonly ModuleManifest[], input: AppResourcesInput): Services {
  const app: AppResources = { ...input, reads: input.reads ?? primaryReads(input.dataSource) };
  const services: Partial<Services> = {};
  for (const m of modules) if (m.services) Object.assign(services, m.services(app, soFar<Services>(services, 'the service', m.name)));
  return services as Services;
}

/**
 * The one loader factory, called once per request when the caller is known. Loaders are never shared between requests or
 * workspaces: each is bound to the caller's workspace (and, for a PARTNER key, its partner).
 */
export function createLoaders(
  modules: readonly ModuleManifest[],
  request: Omit<LoaderScope, 'loaders'>,
): Loaders {
  const loaders: Partial<Loaders> = {};
  for (const m of modules) {
    if (m.loaders) Object.assign(loaders, m.loaders({ ...request, loaders: soFar<Loaders>(loaders, 'the loader', m.name) }));
  }
  return loaders as Loaders;
}
