import type { AuthChecker } from 'type-graphql';
import { Role } from './role.enum';
import { forbidden, unauthenticated } from './errors';
import type { Authentication, Caller, GraphQLContext } from './context';

export type { Authentication, Caller };

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
