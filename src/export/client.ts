/** Reads the GraphQL API over HTTP for the exporter: one query per call, retrying what is worth retrying. */

export interface ReaderOptions {
  url: string;
  key: string;
  /** Retries after HTTP 502/503/504 or a network error, with exponential backoff (default 5). */
  retries?: number;
  /** First backoff delay; doubles on each retry, at most 30 s (default 500 ms). */
  retryBaseMs?: number;
  /** Retries after RATE_LIMITED, each after the server's Retry-After (default 20). */
  rateLimitRetries?: number;
  /** Time limit of one request (default 300 s): a large KPI computation may take a while. */
  requestTimeoutMs?: number;
  onRetry?: (cause: string, attempt: number, delayMs: number) => void;
}

/** The export cannot go on: a refused key, an invalid argument, a server fault that did not pass. */
export class ExportError extends Error {}

interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; fields?: { path: string; message: string }[]; retryAfter?: number };
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class GraphQLReader {
  constructor(private readonly options: ReaderOptions) {}

  async query<T>(document: string, variables: Record<string, unknown>): Promise<T> {
    const retries = this.options.retries ?? 5;
    const rateLimitRetries = this.options.rateLimitRetries ?? 20;
    let faults = 0;
    let limited = 0;
    for (;;) {
      let status = 0;
      let body: { data?: T | null; errors?: GraphQLError[] } | undefined;
      let retryAfter: string | null = null;
      try {
        const res = await fetch(this.options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.key}` },
          body: JSON.stringify({ query: document, variables }),
          signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 300_000),
        });
        status = res.status;
        retryAfter = res.headers.get('retry-after');
        const text = await res.text();
        try {
          body = JSON.parse(text);
        } catch {
          if (!RETRYABLE_STATUS.has(status)) throw new ExportError(`HTTP ${status} with an answer that is not GraphQL: ${text.slice(0, 200)}`);
        }
      } catch (err) {
        if (err instanceof ExportError) throw err;
        if (faults >= retries) throw new ExportError(`network error: ${(err as Error).message}; gave up after ${faults + 1} attempts (${this.options.url})`);
        faults += 1;
        await this.wait(`network error: ${(err as Error).message}`, faults, this.backoff(faults));
        continue;
      }
      const errors = body?.errors ?? [];
      const codes = new Set(errors.map((e) => e.extensions?.code));
      if (status === 429 || codes.has('RATE_LIMITED')) {
        if (limited >= rateLimitRetries) throw new ExportError(`still rate-limited after ${limited} retries: ${errors[0]?.message ?? `HTTP ${status}`}`);
        limited += 1;
        const seconds = Number(retryAfter ?? errors[0]?.extensions?.retryAfter ?? 1);
        await this.wait(`HTTP ${status} RATE_LIMITED`, limited, (Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000);
        continue;
      }
      if (RETRYABLE_STATUS.has(status) || codes.has('SERVICE_UNAVAILABLE')) {
        if (faults >= retries) throw new ExportError(`HTTP ${status}: ${errors[0]?.message ?? 'no answer'}; gave up after ${faults + 1} attempts`);
        faults += 1;
        await this.wait(`HTTP ${status}`, faults, this.backoff(faults));
        continue;
      }
      if (errors.length) {
        const first = errors[0];
        const fields = (first.extensions?.fields ?? []).map((f) => `${f.path}: ${f.message}`).join('; ');
        throw new ExportError(`${first.extensions?.code ?? `HTTP ${status}`}: ${first.message}${fields ? ` (${fields})` : ''}`);
      }
      if (!body?.data) throw new ExportError(`HTTP ${status}: the answer has neither data nor errors`);
      return body.data;
    }
  }

  private backoff(attempt: number): number {
    return Math.min(30_000, (this.options.retryBaseMs ?? 500) * 2 ** (attempt - 1));
  }

  private async wait(cause: string, attempt: number, delayMs: number): Promise<void> {
    this.options.onRetry?.(cause, attempt, delayMs);
    await sleep(delayMs);
  }
}
