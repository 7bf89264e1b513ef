import { createECDH, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { decrypt } from 'http_ece';
import { generate } from 'selfsigned';

const CERT_DIR = path.resolve(__dirname, '../../.local-stack/e2e-push');
/** The receiver's certificate, trusted by the notifications service of the suite (NODE_EXTRA_CA_CERTS). */
export const PUSH_RECEIVER_CERT = path.join(CERT_DIR, 'receiver.crt');
const KEY = path.join(CERT_DIR, 'receiver.key');

/** Makes the receiver's self-signed certificate for 127.0.0.1 (before the service that must trust it starts). */
export async function createPushReceiverCertificate(): Promise<void> {
  mkdirSync(CERT_DIR, { recursive: true });
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    extensions: [{ name: 'basicConstraints', cA: true }, { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  writeFileSync(PUSH_RECEIVER_CERT, pems.cert);
  writeFileSync(KEY, pems.private);
}

export interface ReceivedPush {
  /** The decrypted payload. */
  payload: any;
  headers: Record<string, string | string[] | undefined>;
  /** The VAPID JWT's claims, its ES256 signature checked with the key the request named. */
  vapid: { aud: string; sub: string; exp: number; publicKey: string };
}

interface Browser {
  ecdh: ECDH;
  auth: Buffer;
  status: number;
  received: ReceivedPush[];
}

const b64url = (b: Buffer) => b.toString('base64url');

/**
 * A push service as browsers have one, on 127.0.0.1 over HTTPS: each "browser" has its own key
 * pair and secret (as PushManager.subscribe makes them) and an endpoint here. A message is
 * decrypted with the browser's keys (RFC 8291, aes128gcm) and its VAPID signature verified, so a
 * test sees exactly what a browser would show. A browser can be made to answer 410 Gone.
 */
export class PushReceiver {
  private server?: Server;
  private readonly browsers = new Map<string, Browser>();
  readonly errors: string[] = [];

  async start(): Promise<void> {
    this.server = createServer({ cert: readFileSync(PUSH_RECEIVER_CERT), key: readFileSync(KEY) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const name = decodeURIComponent((req.url ?? '').replace(/^\/push\//, ''));
        const browser = this.browsers.get(name);
        if (!browser) return res.writeHead(404).end();
        if (browser.status !== 201) return res.writeHead(browser.status).end();
        try {
          const vapid = this.checkVapid(String(req.headers.authorization ?? ''));
          const payload = JSON.parse(decrypt(Buffer.concat(chunks), { version: 'aes128gcm', privateKey: browser.ecdh, authSecret: browser.auth }).toString('utf8'));
          browser.received.push({ payload, headers: req.headers, vapid });
          res.writeHead(201).end();
        } catch (e) {
          this.errors.push((e as Error).message);
          res.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  get origin(): string {
    return `https://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** A new browser's subscription, as `PushSubscription.toJSON()` gives it. */
  subscribe(name: string): { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } } {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const browser: Browser = { ecdh, auth: randomBytes(16), status: 201, received: [] };
    this.browsers.set(name, browser);
    return { endpoint: `${this.origin}/push/${encodeURIComponent(name)}`, expirationTime: null, keys: { p256dh: b64url(ecdh.getPublicKey()), auth: b64url(browser.auth) } };
  }

  received(name: string): ReceivedPush[] {
    return this.browsers.get(name)?.received ?? [];
  }

  /** From now on the browser's endpoint answers `status` (410: the subscription is gone). */
  answer(name: string, status: number): void {
    this.browsers.get(name)!.status = status;
  }

  /** `vapid t=<JWT>, k=<public key>` (RFC 8292): the JWT's signature must verify with k. */
  private checkVapid(header: string): ReceivedPush['vapid'] {
    const t = /t=([^,\s]+)/.exec(header)?.[1];
    const k = /k=([^,\s]+)/.exec(header)?.[1];
    if (!t || !k) throw new Error(`no VAPID authorization: ${header}`);
    const [h, p, s] = t.split('.');
    const point = Buffer.from(k, 'base64url');
    const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) }, format: 'jwk' });
    if (!verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s!, 'base64url'))) throw new Error('VAPID signature does not verify');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8'));
    return { aud: claims.aud, sub: claims.sub, exp: claims.exp, publicKey: k };
  }
}
