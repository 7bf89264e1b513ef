import pg from 'pg';

export interface NotificationListenerOptions {
  url: string;
  /** Names this process's connection in pg_stat_activity. */
  applicationName?: string;
  onError?: (error: unknown) => void;
  /** Delay before the first reconnection attempt; it doubles up to `maxReconnectMs`. */
  reconnectMs?: number;
  maxReconnectMs?: number;
}

/**
 * Called with a notice's payload, or with `undefined` after each (re)connection: notices sent while
 * the connection was down are lost, so a handler then assumes it missed some.
 */
export type NoticeHandler = (payload: string | undefined) => void;

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

/**
 * Listens to PostgreSQL notification channels on one connection of its own (a pooled connection
 * cannot stay in LISTEN), reconnecting with back-off when the connection drops.
 */
export class NotificationListener {
  private client?: pg.Client;
  private running = false;
  private timer?: NodeJS.Timeout;
  private delay: number;
  private readonly handlers = new Map<string, NoticeHandler[]>();
  private readonly listened = new WeakMap<pg.Client, Set<string>>();

  constructor(private readonly options: NotificationListenerOptions) {
    this.delay = options.reconnectMs ?? 500;
  }

  /** Adds a handler of a channel; it is told `undefined` at once when the connection is up already. */
  async listen(channel: string, handler: NoticeHandler): Promise<void> {
    if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), handler]);
    if (!this.client) return;
    await this.listenAll(this.client);
    handler(undefined);
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

  /** Whether the listening connection is up (notices arrive). */
  get listening(): boolean {
    return this.client !== undefined;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url, application_name: this.options.applicationName ?? 'listener' });
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
    client.on('notification', (n) => {
      for (const handler of this.handlers.get(n.channel) ?? []) handler(n.payload ?? '');
    });
    try {
      await client.connect();
      await this.listenAll(client);
    } catch (e) {
      return onLost(e);
    }
    if (!this.running) return void client.end().catch(() => undefined);
    this.client = client;
    // A channel added while this connection was being made.
    await this.listenAll(client).catch(onLost);
    this.delay = this.options.reconnectMs ?? 500;
    for (const handlers of this.handlers.values()) for (const handler of handlers) handler(undefined);
  }

  /** Issues LISTEN for every channel with handlers that this connection does not listen to yet. */
  private async listenAll(client: pg.Client): Promise<void> {
    const listened = this.listened.get(client) ?? new Set<string>();
    this.listened.set(client, listened);
    for (const channel of this.handlers.keys()) {
      if (listened.has(channel)) continue;
      listened.add(channel);
      await client.query(`listen ${channel}`);
    }
  }

  private reconnect(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => void this.connect(), this.delay);
    this.delay = Math.min(this.delay * 2, this.options.maxReconnectMs ?? 30_000);
  }
}
