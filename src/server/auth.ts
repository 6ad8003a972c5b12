import type { AuthChecker } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { ApiKey } from '../modules/workspaces/api-key.entity';
import { Role } from '../modules/workspaces/role.enum';
import { parseKey, secretMatches } from '../modules/workspaces/api-key.secret';
import { forbidden, unauthenticated } from './errors';
import { withoutCounting } from '../db/statement-counter';
import type { GraphQLContext } from './context';

/** Who is calling: resolved from the API key, never from arguments. */
export interface Caller {
  keyId: string;
  workspaceId: string;
  role: Role;
  /** Set for PARTNER keys: the only partner whose customers they see. */
  partnerId: string | null;
}

export type Authentication = { caller: Caller } | { caller: null; reason: string };

const LAST_USED_RESOLUTION_MS = 60_000;
const lastUsedWritten = new Map<string, number>();

export async function authenticate(dataSource: DataSource, header: string | undefined): Promise<Authentication> {
  if (!header) return { caller: null, reason: 'No API key: send "Authorization: Bearer jg_<id>_<secret>".' };
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const parsed = match ? parseKey(match[1]) : null;
  if (!parsed) return { caller: null, reason: 'Malformed API key: expected "Authorization: Bearer jg_<id>_<secret>".' };

  const key = await dataSource.getRepository(ApiKey).findOne({ where: { id: parsed.id } });
  if (!key || !secretMatches(parsed.secret, key.secretHash)) return { caller: null, reason: 'Unknown API key.' };
  if (key.revokedAt) return { caller: null, reason: 'This API key has been revoked.' };

  const now = Date.now();
  if ((lastUsedWritten.get(key.id) ?? 0) < now - LAST_USED_RESOLUTION_MS) {
    lastUsedWritten.set(key.id, now);
    // Best effort, outside the request's statement count: a failed write must not fail the request.
    void withoutCounting(() =>
      dataSource
        .createQueryBuilder()
        .update(ApiKey)
        .set({ lastUsedAt: () => 'now()' })
        .where('id = :id', { id: key.id })
        .execute()
        .catch(() => lastUsedWritten.delete(key.id)),
    );
  }
  return { caller: { keyId: key.id, workspaceId: key.workspaceId, role: key.role, partnerId: key.partnerId } };
}

/** `@Authorized(...roles)`: no key or a revoked one is UNAUTHENTICATED, a role outside the list is FORBIDDEN. */
export const authChecker: AuthChecker<GraphQLContext, Role> = async ({ context, info }, roles) => {
  const auth = await context.authenticate();
  if (!auth.caller) throw unauthenticated(auth.reason);
  if (roles.length > 0 && !roles.includes(auth.caller.role)) {
    throw forbidden(`A ${auth.caller.role} key may not use "${info.fieldName}"; it needs one of: ${roles.join(', ')}.`);
  }
  return true;
};

/** The caller of a field that `@Authorized` has already let through. */
export function callerOf(context: GraphQLContext): Caller {
  if (!context.auth.caller) throw unauthenticated(context.auth.reason);
  return context.auth.caller;
}
