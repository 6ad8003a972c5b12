import type { ModuleManifest } from '../../core/module';
import { Workspace } from './workspace.entity';
import { ApiKey } from './api-key.entity';
import { WorkspaceResolver } from './workspace.resolver';
import { WorkspaceService } from './workspace.service';
import { createWorkspaceLoaders } from './workspace.loaders';
import { ApiKeyAuthenticator } from './api-key.authenticator';

declare module '../../core/context' {
  interface Services {
    workspaces: WorkspaceService;
    /** Who a request's API key belongs to (with the app's cache of verified keys). */
    apiKeys: ApiKeyAuthenticator;
  }
  interface Loaders extends ReturnType<typeof createWorkspaceLoaders> {}
}

/** Workspaces and their API keys. */
export const workspacesModule: ModuleManifest = {
  name: 'workspaces',
  entities: [Workspace, ApiKey],
  resolvers: [WorkspaceResolver],
  services: ({ dataSource, apiKeyCacheSeconds }) => {
    const apiKeys = new ApiKeyAuthenticator(dataSource, { seconds: apiKeyCacheSeconds ?? 0 });
    return { apiKeys, workspaces: new WorkspaceService(dataSource, (id) => apiKeys.forget(id)) };
  },
  loaders: ({ dataSource, workspaceId }) => createWorkspaceLoaders(dataSource, workspaceId),
};
