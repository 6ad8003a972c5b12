import type { ModuleManifest } from '../../core/module';
import { Target } from './target.entity';
import { TargetResolver } from './target.resolver';
import { TargetService } from './target.service';
import { createTargetLoaders } from './target.loaders';

declare module '../../core/context' {
  interface Services {
    targets: TargetService;
  }
  interface Loaders extends ReturnType<typeof createTargetLoaders> {}
}

/** Targets of KPIs and metrics, drafted and approved. */
export const targetsModule: ModuleManifest = {
  name: 'targets',
  entities: [Target],
  resolvers: [TargetResolver],
  services: ({ dataSource }) => ({ targets: new TargetService(dataSource) }),
  loaders: ({ dataSource, workspaceId }) => createTargetLoaders(dataSource, workspaceId),
};
