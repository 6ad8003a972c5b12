import type { DataSource } from 'typeorm';
import type { Authentication, Caller } from '../../core/auth';
import { withoutCounting } from '../../db/statement-counter';
import { NotificationListener } from '../../db/notification-listener';
import { PreparedStatements } from '../../db/prepared';
import { hashSecret, parseKey } from './api-key.secret';
import { timingSafeEqual } from 'node:crypto';

const LAST_USED_RESOLUTION_MS = 60_000;
/** The channel of the api_key trigger (migration ApiKeyChangeNotify): the id of a key changed or deleted, `*` for all. */
export const API_KEY_CHANNEL = 'api_key_changed';
/** Keys kept at most; the oldest go first. */
const MAX_CACHED_KEYS = 10_000;

export interface ApiKeyCacheOptions {
  /** How long a verified key is kept (API_KEY_CACHE_SECONDS); 0: every request reads its key. */
  seconds: number;
  log?(message: string, err?: unknown): void;
  /** Checks of the listener's connection (tests shorten them). */
  pingMs?: number;
  retryMs?: number;
}

interface Cached {
  caller: Caller;
  secretHash: Buffer;
  expires: number;
}

interface KeyRow {
  id: string;
  workspace_id: string;
  role: Caller['role'];
  partner_id: string | null;
  secret_hash: string;
  revoked_at: Date | null;
}

const KEY_SQL = 'SELECT id, workspace_id, role, partner_id, secret_hash, revoked_at FROM api_key WHERE id = $1';

/**
 * Resolves the caller from an API key. One per app: when each key's `lastUsedAt` was last written, and the cache of verified keys,
 * are the app's own state.
 *
 * The cache keeps a verified key (its role, workspace, partner and secret hash) for `seconds`, and only while this app LISTENs to
 * the api_key trigger's notifications: a revocation, a change of role or partner, or a deletion (of the key, its partner or its
 * workspace) notifies every instance in the committing transaction, and each drops the key as the notification arrives. A key
 * revoked through this instance is dropped before the revocation returns. While the listening connection is down nothing is
 * cached (every request reads its key), and on reconnecting the cache starts empty: notifications missed meanwhile cannot leave
 * a revoked key behind. A lookup that raced with a notification is not cached. The longest a revoked key can still be accepted
 * by another instance is the time the notification takes to arrive (a few milliseconds at most, under heavy load); if that instance's connection died without a reset, until
 * its next check notices (2 s, and at most 2 s more for the answer), never longer than `seconds`.
 */
export class ApiKeyAuthenticator {
  private readonly lastUsedWritten = new Map<string, number>();
  private readonly cache = new Map<string, Cached>();
  private readonly statements = new PreparedStatements();
  private readonly listener: NotificationListener | undefined;
  /** Bumped by every notification and change of the listener's state: a lookup that saw it change is not cached. */
  private generation = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: ApiKeyCacheOptions = { seconds: 0 },
  ) {
    if (options.seconds > 0) {
      this.listener = new NotificationListener({
        dataSource,
        channel: API_KEY_CHANNEL,
        onNotification: (id) => {
          this.generation += 1;
          if (id === '*') this.cache.clear();
          else this.cache.delete(id);
        },
        onState: () => {
          this.generation += 1;
          this.cache.clear();
        },
        pingMs: options.pingMs,
        retryMs: options.retryMs,
        log: options.log,
      });
    }
  }

  /** Whether verified keys are being cached now (the listener is up). */
  get caching(): boolean {
    return this.listener?.up ?? false;
  }

  /** Whether a key is in the cache now. */
  holds(keyId: string): boolean {
    return this.cache.has(keyId);
  }

  /** Drops a key this instance changed (before the change is answered; other instances hear of it from PostgreSQL). */
  forget(keyId: string): void {
    this.generation += 1;
    this.cache.delete(keyId);
  }

  async close(): Promise<void> {
    this.cache.clear();
    await this.listener?.close();
  }

  async authenticate(header: string | undefined): Promise<Authentication> {
    if (!header) return { caller: null, reason: 'No API key: send "Authorization: Bearer jg_<id>_<secret>".' };
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    const parsed = match ? parseKey(match[1]) : null;
    if (!parsed) return { caller: null, reason: 'Malformed API key: expected "Authorization: Bearer jg_<id>_<secret>".' };
    const secretHash = Buffer.from(hashSecret(parsed.secret), 'hex');
    const now = Date.now();

    const cached = this.cache.get(parsed.id);
    if (cached && cached.expires > now && this.listener?.up) {
      if (!timingSafeEqual(secretHash, cached.secretHash)) return { caller: null, reason: 'Unknown API key.' };
      this.touch(cached.caller, now);
      return { caller: cached.caller };
    }

    this.listener?.start();
    const generation = this.generation;
    const [key] = await this.statements.query<KeyRow>(this.dataSource, KEY_SQL, [parsed.id]);
    const stored = key ? Buffer.from(key.secret_hash, 'hex') : undefined;
    if (!key || !stored || stored.length !== secretHash.length || !timingSafeEqual(secretHash, stored)) return { caller: null, reason: 'Unknown API key.' };
    if (key.revoked_at) return { caller: null, reason: 'This API key has been revoked.' };
    const caller: Caller = { keyId: key.id, workspaceId: key.workspace_id, role: key.role, partnerId: key.partner_id };

    if (this.listener?.up && generation === this.generation) {
      this.cache.delete(key.id);
      if (this.cache.size >= MAX_CACHED_KEYS) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key.id, { caller, secretHash: stored, expires: now + this.options.seconds * 1000 });
    }
    this.touch(caller, now);
    return { caller };
  }

  /** Records the key's last use, to the minute: best effort, outside the request's statement count. */
  private touch({ keyId, workspaceId }: Caller, now: number): void {
    const { dataSource, lastUsedWritten } = this;
    if ((lastUsedWritten.get(keyId) ?? 0) >= now - LAST_USED_RESOLUTION_MS) return;
    lastUsedWritten.set(keyId, now);
    void withoutCounting(() =>
      dataSource
        .query('UPDATE api_key SET last_used_at = now() WHERE workspace_id = $1 AND id = $2', [workspaceId, keyId])
        .catch(() => lastUsedWritten.delete(keyId)),
    );
  }
}
