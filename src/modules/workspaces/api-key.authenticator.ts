import type { DataSource } from 'typeorm';
import type { Authentication } from '../../core/auth';
import { withoutCounting } from '../../db/statement-counter';
import { ApiKey } from './api-key.entity';
import { parseKey, secretMatches } from './api-key.secret';

const LAST_USED_RESOLUTION_MS = 60_000;

/** Resolves the caller from an API key. One per app: when each key's `lastUsedAt` was last written is the app's own state. */
export class ApiKeyAuthenticator {
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(private readonly dataSource: DataSource) {}

  async authenticate(header: string | undefined): Promise<Authentication> {
    const { dataSource, lastUsedWritten } = this;
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
}
