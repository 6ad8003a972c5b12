import type { ModuleManifest } from '../../core/module';
import { Workspace } from './workspace.entity';
import { ApiKey } from './api-key.entity';
import { WorkspaceResolver } from './workspace.resolver';
import { WorkspaceService } from './workspace.service';

declare module '../../core/context' {
  interface Services {
    workspaces: WorkspaceService;
  }
}

/** Workspaces and their API keys. */
export const workspacesModule: ModuleManifest = {
  name: 'workspaces',
  entities: [Workspace, ApiKey],
  resolvers: [WorkspaceResolver],
  services: ({ dataSource }) => ({ workspaces: new WorkspaceService(dataSource) }),
};
