import type { ModuleManifest } from './core/module';
import { workspacesModule } from './modules/workspaces';
import { journeysModule } from './modules/journeys';
import { customersModule } from './modules/customers';
import { factsModule } from './modules/facts';
import { kpiModule } from './modules/kpi';
import { targetsModule } from './modules/targets';
import { metricsModule } from './modules/metrics';
import { entitiesOf, resolversOf } from './core/module';

/**
 * The composition root: every feature of the app, in one list. The DataSource's entities, the schema's resolvers, the
 * services and the per-request loaders are all built from it. A module comes after the modules whose services or loaders
 * it uses (metrics reads KPI loaders).
 */
export const appModules: readonly ModuleManifest[] = [
  workspacesModule,
  journeysModule,
  customersModule,
  factsModule,
  kpiModule,
  targetsModule,
  metricsModule,
];

/** Every entity: the DataSource and the migration generator read them. */
export const appEntities = entitiesOf(appModules);

/** Every resolver: the schema is built from them. */
export const appResolvers = resolversOf(appModules);
