import type { ModuleManifest } from '../../core/module';
import { Workspace } from './workspace.entity';
import { ApiKey } from './api-key.entity';
import { WorkspaceResolver } from './workspace.resolver';
import { WorkspaceService } from './workspace.service';
import { createWorkspaceLoaders } from './workspace.loaders';

declare module '../../core/context' {
  interface Services {
    workspaces: WorkspaceService;
  }
  interface Loaders extends ReturnType<typeof createWorkspaceLoaders> {}
}

/** Workspaces and their API keys. */
export const workspacesModule: ModuleManifest = {
  name: 'workspaces',
  entities: [Workspace, ApiKey],
  resolvers: [WorkspaceResolver],
  services: ({ dataSource }) => ({ workspaces: new WorkspaceService(dataSource) }),
  loaders: ({ dataSource, workspaceId }) => createWorkspaceLoaders(dataSource, workspaceId),
};
