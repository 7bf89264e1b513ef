import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { AccessTokenVerifier, type AccessTokenVerifierOptions } from './access-token.verifier';

const ISSUER = 'http://issuer.test/realms/crm';
const claims = { tenant_id: '11111111-1111-4111-8111-111111111111', crm_user_id: 1003, realm_access: { roles: ['crm-user'] } };

/** Counts the signature checks, which the cache exists to spare. */
class CountingVerifier extends AccessTokenVerifier {
  checks = 0;
  protected override verifySignature(token: string) {
    this.checks++;
    return super.verifySignature(token);
  }
}

describe(AccessTokenVerifier.name, () => {
  let server: Server;
  let key: CryptoKey;
  let options: AccessTokenVerifierOptions;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    options = { issuer: ISSUER, audience: 'crm-api', jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs` };
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));
  afterEach(() => jest.useRealTimers());

  let serial = 0;
  const sign = (expiresInSeconds: number, signer: CryptoKey = key) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('u1').setJti(String(++serial)).setIssuer(ISSUER).setAudience('crm-api').setIssuedAt().setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds).sign(signer);

  describe('verify', () => {
    it('checks a token\'s signature once and answers the same identity from then on', async () => {
      const sut = new CountingVerifier(options);
      const token = await sign(60);
      const first = await sut.verify(token);
      expect(await sut.verify(token)).toEqual(first);
      expect(first).toMatchObject({ subject: 'u1', userId: '1003', role: 'user' });
      expect(sut.checks).toBe(1);
      // Another token of the same user is checked on its own.
      await sut.verify(await sign(60));
      expect(sut.checks).toBe(2);
    });

    it('forgets a token when it expires, so an expired token is refused as before', async () => {
      const sut = new CountingVerifier(options);
      const token = await sign(60);
      await sut.verify(token);
      jest.useFakeTimers({ now: Date.now() + 66_000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
      await expect(sut.verify(token)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
      expect(sut.checks).toBe(2);
    });

    it('remembers no rejection, and remembers nothing with a cache size of 0', async () => {
      const sut = new CountingVerifier(options);
      const forged = await sign(60, (await generateKeyPair('RS256')).privateKey);
      await expect(sut.verify(forged)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
      await expect(sut.verify(forged)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
      expect(sut.checks).toBe(2);
      const uncached = new CountingVerifier({ ...options, cacheSize: 0 });
      const token = await sign(60);
      await uncached.verify(token);
      await uncached.verify(token);
      expect(uncached.checks).toBe(2);
    });
  });
});
