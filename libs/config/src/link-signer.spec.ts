import { LinkSigner } from './link-signer';

describe(LinkSigner.name, () => {
  const signer = new LinkSigner('k'.repeat(32));

  it('verifies what it signed, with every field asked for', () => {
    const token = signer.sign({ t: 'tenant', u: '7', y: 'task_assigned' });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(signer.verify(token, ['t', 'u', 'y'])).toEqual({ t: 'tenant', u: '7', y: 'task_assigned' });
    expect(signer.verify(token, ['t', 'missing'])).toBeNull();
  });

  it('refuses a token of another key, an altered claim and malformed input', () => {
    const token = signer.sign({ t: 'tenant' });
    expect(new LinkSigner('x'.repeat(32)).verify(token, ['t'])).toBeNull();
    const [, mac] = token.split('.');
    expect(signer.verify(`${Buffer.from(JSON.stringify({ t: 'other' })).toString('base64url')}.${mac}`, ['t'])).toBeNull();
    for (const bad of ['', 'a', 'a.b.c', '.', `${'a'.repeat(2_001)}.b`, 'bm90IGpzb24.AAAA']) expect(signer.verify(bad, ['t'])).toBeNull();
  });
});
