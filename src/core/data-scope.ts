import type { GraphQLContext } from './context';
import { callerOf } from './auth';
import { forbidden } from './errors';
import { Role } from './role.enum';

/** Whose data a request may touch: its workspace and, for a PARTNER key, only the customers of that partner. */
export interface DataScope {
  workspaceId: string;
  partnerId: string | null;
}

/** The caller's scope; a PARTNER key without a partner (which `createApiKey` never makes) sees nothing rather than everything. */
export function dataScopeOf(ctx: GraphQLContext): DataScope {
  const caller = callerOf(ctx);
  if (caller.role === Role.PARTNER && !caller.partnerId) throw forbidden('This PARTNER key is not bound to a partner.');
  return { workspaceId: caller.workspaceId, partnerId: caller.role === Role.PARTNER ? caller.partnerId : null };
}
