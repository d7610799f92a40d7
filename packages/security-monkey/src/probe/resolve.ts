import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { Allowance } from './target.js';

/** Resolves a host name to its addresses (node:dns by default; tests pass their own). */
export type Lookup = (host: string) => Promise<string[]>;

export const systemLookup: Lookup = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Where a probe connects, or why it must not. */
export type Resolution = { ok: true; address: string } | { ok: false; reason: string };

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** Whether an address is a loopback address (127.0.0.0/8, ::1). */
export function isLoopback(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && loopback.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** Whether `address` is inside one of the CIDR networks (or equal to a listed address). */
export function inNetworks(address: string, networks: readonly string[]): boolean {
  const family = isIP(address);
  if (family === 0 || networks.length === 0) return false;
  const list = new BlockList();
  for (const n of networks) {
    const [net, bits] = n.split('/');
    const netFamily = isIP(net ?? '');
    if (netFamily === 0) continue;
    const type = netFamily === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(net!, type);
    else list.addSubnet(net!, Number(bits), type);
  }
  return list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

function allowedAddress(address: string, allow: Allowance): boolean {
  return allow.addresses.includes(address) || inNetworks(address, allow.networks ?? []);
}

/**
 * The address a probe of `host` connects to: the host itself when it is an allowed IP; else its
 * DNS answer, when the name is one the config trusts or the answer is an allowed address. The
 * probe then connects to that address and nothing else, so a later DNS change cannot redirect
 * it. IPv4 answers are preferred.
 */
export async function resolveAllowed(
  host: string,
  allow: Allowance,
  lookup: Lookup = systemLookup,
): Promise<Resolution> {
  if (isIP(host)) {
    return allowedAddress(host, allow) || allow.names.includes(host)
      ? { ok: true, address: host }
      : { ok: false, reason: `${host} is not an address of this target` };
  }
  let answers: string[];
  try {
    answers = await lookup(host);
  } catch (error) {
    return { ok: false, reason: `${host} does not resolve (${(error as Error).message})` };
  }
  const trusted = allow.names.includes(host.toLowerCase());
  const usable = answers.filter((a) => trusted || allowedAddress(a, allow));
  const address = usable.find((a) => isIP(a) === 4) ?? usable[0];
  if (address) return { ok: true, address };
  return {
    ok: false,
    reason: `${host} resolves to ${answers.join(', ') || 'nothing'}, outside the addresses this target may be reached at (${allow.addresses.join(', ') || 'none'})`,
  };
}
