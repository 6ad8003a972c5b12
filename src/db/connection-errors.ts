/** Codes of a database that cannot be reached or refuses connections (node's socket errors and PostgreSQL's SQLSTATEs). */
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004', '53300']);

/** The database is down, unreachable, shutting down or out of connections (not a fault of the statement). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  if (code && CONNECTION_ERROR_CODES.has(code)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout|did not answer within/i.test(
    e?.message ?? '',
  );
}

/**
 * A standby cancelled the statement because replaying the primary's WAL needed what it read (a vacuumed row version, a lock):
 * the same statement succeeds on the primary.
 */
export function isRecoveryConflict(error: unknown): boolean {
  const e = error as { code?: string; message?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return (code === '40001' || code === '40P01' || code === '57P04') && /conflict with recovery/i.test(e?.message ?? '');
}
