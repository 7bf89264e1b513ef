import pg from 'pg';

export interface ChannelListenerOptions {
  url: string;
  channel: string;
  /** Called for every notice, and once after each (re)connection, since notices sent while the connection was down are lost. */
  onNotice: () => void;
  onError?: (error: unknown) => void;
  /** Delay before the first reconnection attempt; it doubles up to `maxReconnectMs`. */
  reconnectMs?: number;
  maxReconnectMs?: number;
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

/**
 * Listens to a PostgreSQL notification channel on a connection of its own (a pooled connection
 * cannot stay in LISTEN), reconnecting with back-off when the connection drops.
 */
export class ChannelListener {
  private client?: pg.Client;
  private running = false;
  private timer?: NodeJS.Timeout;
  private delay: number;

  constructor(private readonly options: ChannelListenerOptions) {
    if (!CHANNEL.test(options.channel)) throw new Error(`not a channel name: ${options.channel}`);
    this.delay = options.reconnectMs ?? 500;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /** Whether the listening connection is up. */
  get listening(): boolean {
    return this.client !== undefined;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url, application_name: `listen:${this.options.channel}` });
    // A dropped connection emits 'error' and/or 'end'; either schedules one reconnection.
    let lost = false;
    const onLost = (error?: unknown) => {
      if (lost) return;
      lost = true;
      if (error) this.options.onError?.(error);
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      this.reconnect();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', () => this.options.onNotice());
    try {
      await client.connect();
      await client.query(`listen ${this.options.channel}`);
    } catch (e) {
      return onLost(e);
    }
    if (!this.running) return void client.end().catch(() => undefined);
    this.client = client;
    this.delay = this.options.reconnectMs ?? 500;
    this.options.onNotice();
  }

  private reconnect(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => void this.connect(), this.delay);
    this.delay = Math.min(this.delay * 2, this.options.maxReconnectMs ?? 30_000);
  }
}
