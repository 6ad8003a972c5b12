import type { Role } from './role.enum';

/** Who is calling: resolved from the API key, never from arguments. */
export interface Caller {
  keyId: string;
  workspaceId: string;
  role: Role;
  /** Set for PARTNER keys: the only partner whose customers they see. */
  partnerId: string | null;
}

export type Authentication = { caller: Caller } | { caller: null; reason: string };

/**
 * The app's services, made once per app from the module manifests. Empty here: each module adds its own in its `index.ts`
 * (`declare module '../../core/context'`), so that the core knows no module and the type still lists every service.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by each module's declaration merging
export interface Services {}

/** The per-request loaders, bound to the caller's workspace; each module adds its own like `Services`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by each module's declaration merging
export interface Loaders {}

export interface GraphQLContext {
  requestId: string;
  services: Services;
  /**
   * Who is calling. Resolved lazily, by the `@Authorized` check of the first root field, so that a request refused
   * before execution (parse, validation, complexity limits) costs no SQL statement.
   */
  auth: Authentication;
  /** Looks the API key up once per request and binds `auth` and `loaders` to the caller's workspace. */
  authenticate(): Promise<Authentication>;
  /** The caller's per-request loaders, bound to its workspace; usable once `@Authorized` has let the request through. */
  loaders: Loaders;
}
