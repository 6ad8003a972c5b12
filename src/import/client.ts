/** Sends one batch to the GraphQL API over HTTP and says what came of it, retrying what is worth retrying. */

export interface Totals {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** A problem the server reported for `rows[index]` of a batch. */
export interface ServerRowProblem {
  index: number;
  field: string;
  reason: string;
  message: string;
}

export type SendOutcome =
  | { kind: 'written'; totals: Totals }
  /** The server checked the batch and wrote nothing of it. */
  | { kind: 'rejected'; problems: ServerRowProblem[]; message: string }
  /** HTTP 413: the body is over the server's limit; nothing was written. */
  | { kind: 'too-large'; message: string };

/** The import cannot go on: a refused key, a server fault that did not pass, an answer that makes no sense. */
export class FatalImportError extends Error {}

export interface RetryNotice {
  /** What happened: `HTTP 429 RATE_LIMITED`, `HTTP 503 SERVICE_UNAVAILABLE`, `network error: …`. */
  cause: string;
  attempt: number;
  delayMs: number;
}

export interface ClientOptions {
  url: string;
  key: string;
  /** Retries after HTTP 502/503/504 or a network error, with exponential backoff (default 5). */
  retries?: number;
  /** First backoff delay; doubles on each retry, at most 30 s (default 500 ms). */
  retryBaseMs?: number;
  /** Retries after HTTP 429, each after the server's Retry-After (default 20). */
  rateLimitRetries?: number;
  /** Time limit of one request (default 120 s); running out counts as a network error. */
  requestTimeoutMs?: number;
  onRetry?: (notice: RetryNotice) => void;
}

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; rows?: ServerRowProblem[]; retryAfter?: number; requestId?: string };
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);
/** graphql-js's message for a value that is not of its declared type: `… at "rows[3].month"; Expected type "LocalDate". …` */
const COERCION = /^Variable "\$rows" got invalid value (.*) at "rows\[(\d+)\](?:\.(\w+))?[^"]*"; (.*)$/s;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class IngestionClient {
  private readonly retries: number;
  private readonly retryBaseMs: number;
  private readonly rateLimitRetries: number;
  private readonly requestTimeoutMs: number;
  /** How many times a request was repeated, by cause. */
  readonly retried = { rateLimited: 0, unavailable: 0, network: 0 };

  constructor(private readonly options: ClientOptions) {
    this.retries = options.retries ?? 5;
    this.retryBaseMs = options.retryBaseMs ?? 500;
    this.rateLimitRetries = options.rateLimitRetries ?? 20;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 120_000;
  }

  async send(body: string): Promise<SendOutcome> {
    let faults = 0;
    let limited = 0;
    for (;;) {
      let res: Response;
      let text: string;
      try {
        res = await fetch(this.options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.key}` },
          body,
          signal: AbortSignal.timeout(this.requestTimeoutMs),
        });
        text = await res.text();
      } catch (err) {
        // Nothing was answered. The batch may or may not have been written; sending it again is safe, as every
        // mutation is idempotent (rows it wrote come back as unchanged).
        const cause = `network error: ${describeNetworkError(err)}`;
        if (faults >= this.retries) throw new FatalImportError(`${cause}; gave up after ${faults + 1} attempts (${this.options.url})`);
        faults += 1;
        this.retried.network += 1;
        await this.wait(cause, faults, this.backoff(faults));
        continue;
      }

      let parsed: { data?: Record<string, Totals | null> | null; errors?: GraphQLErrorBody[] } | undefined;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      const errors = parsed?.errors ?? [];
      const codes = new Set(errors.map((e) => e.extensions?.code));

      if (res.status === 429 || codes.has('RATE_LIMITED')) {
        if (limited >= this.rateLimitRetries) {
          throw new FatalImportError(`still rate-limited after ${limited} retries: ${errors[0]?.message ?? `HTTP ${res.status}`} (try a smaller --batch-size)`);
        }
        limited += 1;
        this.retried.rateLimited += 1;
        const seconds = Number(res.headers.get('retry-after') ?? errors[0]?.extensions?.retryAfter ?? 1);
        await this.wait(`HTTP ${res.status} RATE_LIMITED`, limited, (Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000);
        continue;
      }
      if (RETRYABLE_STATUS.has(res.status) || codes.has('SERVICE_UNAVAILABLE')) {
        const cause = `HTTP ${res.status}${codes.has('SERVICE_UNAVAILABLE') ? ' SERVICE_UNAVAILABLE' : ''}`;
        if (faults >= this.retries) throw new FatalImportError(`${cause}: ${errors[0]?.message ?? text.slice(0, 200)}; gave up after ${faults + 1} attempts`);
        faults += 1;
        this.retried.unavailable += 1;
        await this.wait(cause, faults, this.backoff(faults));
        continue;
      }
      if (res.status === 413) return { kind: 'too-large', message: errors[0]?.message ?? 'HTTP 413' };
      if (!parsed) throw new FatalImportError(`HTTP ${res.status} with an answer that is not GraphQL: ${text.slice(0, 200)}`);
      return this.outcome(res.status, parsed.data, errors);
    }
  }

  private outcome(status: number, data: Record<string, Totals | null> | null | undefined, errors: GraphQLErrorBody[]): SendOutcome {
    if (errors.length === 0) {
      const totals = data ? Object.values(data)[0] : undefined;
      if (!totals) throw new FatalImportError(`HTTP ${status}: the answer has neither data nor errors`);
      return { kind: 'written', totals };
    }
    const first = errors[0];
    const code = first.extensions?.code;
    const requestId = first.extensions?.requestId ? ` (request id ${first.extensions.requestId})` : '';
    if (code === 'UNAUTHENTICATED') throw new FatalImportError(`the server refused the key (UNAUTHENTICATED): ${first.message}`);
    if (code === 'FORBIDDEN') throw new FatalImportError(`the key may not import this (FORBIDDEN): ${first.message}`);

    // The batch's rows broke the server's rules: every problem is listed with its row index.
    const rows = errors.flatMap((e) => (e.extensions?.code === 'BAD_USER_INPUT' ? (e.extensions.rows ?? []) : []));
    if (rows.length > 0) return { kind: 'rejected', problems: rows, message: first.message };

    // Values GraphQL itself refused (a malformed date, an unknown enum value): one error per value.
    const coerced = errors.map((e) => COERCION.exec(e.message));
    if (coerced.every((m) => m !== null)) {
      const problems = coerced.map((m) => ({
        index: Number(m![2]),
        field: m![3] ?? '(row)',
        reason: 'INVALID',
        message: `${m![1]}: ${m![4]}`,
      }));
      return { kind: 'rejected', problems, message: first.message };
    }
    throw new FatalImportError(`HTTP ${status} ${code ?? 'error'}: ${first.message}${requestId}`);
  }

  private backoff(attempt: number): number {
    return Math.min(this.retryBaseMs * 2 ** (attempt - 1), 30_000);
  }

  private async wait(cause: string, attempt: number, delayMs: number): Promise<void> {
    this.options.onRetry?.({ cause, attempt, delayMs });
    await sleep(delayMs);
  }
}

function describeNetworkError(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return 'no answer within the request time limit';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}
