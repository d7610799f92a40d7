import { isIP } from 'node:net';
import { SimianError } from '@simian/core';
import { inNetworks, isLoopback, systemLookup, type Lookup } from './probe/resolve.js';
import { targetFromUrl, type ProbeTarget } from './probe/target.js';

/** What makes a URL given on the command line yours to probe. */
export interface CommandLineAllowance {
  /** `--allow` values: host names, addresses, or CIDR networks. */
  allow: readonly string[];
  /** URLs of `monkeys.security.probes.targets` in the config, when there is one. */
  configured: readonly string[];
  lookup?: Lookup;
}

/**
 * Targets for `simian probe URL...`: a URL is probed when its host is loopback (every address it
 * resolves to is), is the host of a URL the config lists, or is named by `--allow` (a name, an
 * address, or a network its addresses fall in). Anything else is refused before a single packet
 * is sent, with a message that says how to allow it.
 */
export async function commandLineTargets(
  urls: readonly string[],
  options: CommandLineAllowance,
): Promise<ProbeTarget[]> {
  const lookup = options.lookup ?? systemLookup;
  const configuredHosts = new Set(options.configured.map((u) => hostOf(u)));
  const names = options.allow
    .filter((a) => !isIP(a.split('/')[0] ?? ''))
    .map((a) => a.toLowerCase());
  const networks = options.allow.filter((a) => isIP(a.split('/')[0] ?? '') !== 0);
  const targets: ProbeTarget[] = [];
  for (const text of urls) {
    let host: string;
    try {
      host = hostOf(text);
    } catch {
      throw new SimianError('INPUT_INVALID', `${text} is not a URL`, {
        hint: 'give http://, https:// or tcp:// URLs: simian probe https://127.0.0.1:8443',
      });
    }
    if (configuredHosts.has(host) || names.includes(host)) {
      targets.push(build(text, { addresses: [], names: [host], networks }));
      continue;
    }
    const addresses = isIP(host) ? [host] : await lookup(host).catch(() => []);
    const allowed = addresses.filter((a) => isLoopback(a) || inNetworks(a, networks));
    if (addresses.length === 0 || allowed.length !== addresses.length) {
      throw new SimianError(
        'INPUT_INVALID',
        `${text} is not yours to probe as far as Simian knows: ${host} ${addresses.length === 0 ? 'does not resolve' : `resolves to ${addresses.join(', ')}`}, which is not loopback, not listed in monkeys.security.probes.targets, and not named by --allow`,
        { hint: `if it is yours, run again with --allow ${host}` },
      );
    }
    targets.push(build(text, { addresses: allowed, names: [], networks }));
  }
  return targets;
}

function build(text: string, allow: ProbeTarget['allow']): ProbeTarget {
  try {
    return targetFromUrl(text, { allow, source: 'command-line' });
  } catch (error) {
    throw new SimianError('INPUT_INVALID', (error as Error).message, {
      hint: 'give http://, https:// or tcp:// URLs (tcp:// with a port)',
    });
  }
}

function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
}
