import { accessToken } from '@crm/testing';
import { E2E } from './e2e-env';

export interface ServerSentEvent {
  id?: string;
  event: string;
  data: any;
}

/**
 * A Server-Sent Events client as a browser's EventSource is, over fetch (so it can send the
 * Authorization header): it collects events until closed, and can resume with Last-Event-ID.
 */
export class SseClient {
  readonly events: ServerSentEvent[] = [];
  private readonly abort = new AbortController();
  private done?: Promise<void>;
  status = 0;
  contentType = '';

  static async open(as: string, options: { lastEventId?: string; baseUrl?: string } = {}): Promise<SseClient> {
    const client = new SseClient();
    const headers: Record<string, string> = { accept: 'text/event-stream', authorization: `Bearer ${await accessToken(as)}` };
    if (options.lastEventId) headers['last-event-id'] = options.lastEventId;
    const res = await fetch(`${options.baseUrl ?? E2E.gatewayUrl}/v2/notifications/stream`, { headers, signal: client.abort.signal });
    client.status = res.status;
    client.contentType = res.headers.get('content-type') ?? '';
    if (res.body) client.done = client.read(res.body).catch(() => undefined);
    return client;
  }

  /** The events of a type so far. */
  of(event: string): ServerSentEvent[] {
    return this.events.filter((e) => e.event === event);
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: ServerSentEvent = { event: 'message', data: '' };
        const data: string[] = [];
        for (const line of block.split('\n')) {
          const colon = line.indexOf(':');
          if (colon === 0) continue;
          const [field, value] = colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')];
          if (field === 'id') event.id = value;
          else if (field === 'event') event.event = value;
          else if (field === 'data') data.push(value);
        }
        const text = data.join('\n');
        try {
          event.data = text ? JSON.parse(text) : text;
        } catch {
          event.data = text;
        }
        this.events.push(event);
      }
    }
  }
}
