import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Addresses a user-given server URL must not lead to: loopback, private, link-local (cloud metadata), unspecified, multicast. */
const PRIVATE = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) PRIVATE.addSubnet(net, bits, 'ipv4');
// Not ::ffff:0:0/96 (IPv4-mapped): BlockList matches every IPv4 address against it. A mapped
// address is checked as the IPv4 address it carries instead (isPrivateAddress).
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) PRIVATE.addSubnet(net, bits, 'ipv6');

/** True for loopback, private, link-local, unspecified and multicast addresses (IPv4-mapped ones as their IPv4). */
export function isPrivateAddress(address: string, family: number): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
  return PRIVATE.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

export interface ServerUrlRules {
  /** Loopback and private addresses pass too (local stacks and tests only). */
  allowPrivate: boolean;
  /** Only https (e.g. Web Push endpoints); by default http and https. */
  httpsOnly?: boolean;
}

/**
 * Why a URL a user gave may not be a server the service connects to on their behalf (SSRF), or
 * null when it may: http(s) without credentials in it, and every address its host resolves to
 * public, unless the rules allow private ones. A check at the time the URL is given; a caller
 * connecting much later repeats it.
 */
export async function refusedServerUrl(raw: string, rules: ServerUrlRules): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (rules.httpsOnly && url.protocol !== 'https:') return 'must be an https URL';
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http or https URL';
  if (url.username || url.password) return 'must not hold credentials';
  if (rules.allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true });
  } catch {
    return 'names a host that does not resolve';
  }
  const blocked = addresses.some((a) => isPrivateAddress(a.address, a.family));
  return blocked ? 'must be a public address' : null;
}
