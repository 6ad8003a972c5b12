import { Client } from 'pg';
import type { DataSource } from 'typeorm';

export interface NotificationListenerOptions {
  /** The database whose notifications to hear: the primary's DataSource (its URL). */
  dataSource: DataSource;
  channel: string;
  onNotification(payload: string): void;
  /** Called on every change: up once LISTEN is in place, down when the connection is lost (or found dead). */
  onState(up: boolean): void;
  /** While down, how often it is tried again (default 1 s). */
  retryMs?: number;
  /** How often the connection is checked with a round trip, and how long that may take (defaults 2 s and 2 s). */
  pingMs?: number;
  pingTimeoutMs?: number;
  log?(message: string, err?: unknown): void;
}

/**
 * A connection of its own that LISTENs on one channel of PostgreSQL, kept up: reconnects after a failure, and checks every
 * `pingMs` that the server still answers, so that a connection that died without a reset (a network partition) is noticed
 * within `pingMs + pingTimeoutMs` rather than never. Its user learns each change of state: notifications may have been missed
 * while it was down.
 */
export class NotificationListener {
  private client: Client | undefined;
  private isUp = false;
  private closed = false;
  private started = false;
  private retry: NodeJS.Timeout | undefined;
  private ping: NodeJS.Timeout | undefined;

  constructor(private readonly options: NotificationListenerOptions) {}

  get up(): boolean {
    return this.isUp;
  }

  /** Connects in the background (once). */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    void this.connect();
  }

  private setState(up: boolean): void {
    if (this.isUp === up) return;
    this.isUp = up;
    this.options.onState(up);
  }

  private async connect(): Promise<void> {
    const { url, extra } = this.options.dataSource.options as { url?: string; extra?: { application_name?: string } };
    const client = new Client({ connectionString: url, keepAlive: true, application_name: `${extra?.application_name ?? 'journeygraph'}-listen` });
    this.client = client;
    const lost = (err?: unknown) => {
      if (this.client !== client) return;
      this.client = undefined;
      clearInterval(this.ping);
      this.setState(false);
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (!this.closed) {
        if (err) this.options.log?.(`the ${this.options.channel} listener lost its connection; retrying`, err);
        this.retry = setTimeout(() => void this.connect(), this.options.retryMs ?? 1_000);
        this.retry.unref();
      }
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel === this.options.channel) this.options.onNotification(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${this.options.channel}"`);
      if (this.closed || this.client !== client) return void client.end().catch(() => undefined);
      this.setState(true);
      const pingMs = this.options.pingMs ?? 2_000;
      const timeoutMs = this.options.pingTimeoutMs ?? 2_000;
      this.ping = setInterval(() => {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        });
        Promise.race([client.query('SELECT 1'), late])
          .catch((err) => lost(err))
          .finally(() => clearTimeout(timer));
      }, pingMs);
      this.ping.unref();
    } catch (err) {
      lost(err);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    clearInterval(this.ping);
    const client = this.client;
    this.client = undefined;
    this.setState(false);
    await client?.end().catch(() => undefined);
  }
}
