import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { Severity, SimianConfig } from '@simian/core';
import type { GlobalOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { commandOutput, withOutput } from '../output.js';
import { loadRegistry } from '../registry.js';
import { SCAN_SEVERITIES } from './scan.js';

interface ProbeFlags {
  allow: string[];
  ca: string[];
  failOn?: Severity;
  concurrency: string;
  rate: string;
}

const collect = (v: string, acc: string[]) => [...acc, v];

/** The config, when a file is there: its probe targets are allowed, its kill switch is obeyed. */
async function optionalConfig(option: string | undefined): Promise<SimianConfig | undefined> {
  const path = resolve(option ?? process.env.SIMIAN_CONFIG ?? 'simian.yaml');
  if (!existsSync(path)) return undefined;
  const { loadConfigFile } = await import('@simian/core');
  return loadConfigFile(path, await loadRegistry());
}

export function registerProbe(program: Command): void {
  const probe = program
    .command('probe <url...>')
    .description(
      'Probe your own endpoints now: TLS (certificate, protocols, ciphers, HSTS, a grade) and exposed admin and debug paths. Read-only.',
    )
    .option(
      '--allow <host|cidr>',
      'also allow this host name, address or network (repeatable)',
      collect,
      [],
    )
    .option('--ca <file>', 'trust this CA (PEM) besides the system store (repeatable)', collect, [])
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is this severe or worse').choices(
        SCAN_SEVERITIES,
      ),
    )
    .option('--concurrency <n>', 'connections open at once', '16')
    .option('--rate <n>', 'new connections per second to one endpoint (0: no pacing)', '10')
    .addHelpText(
      'after',
      `
Only your own endpoints: a URL must be loopback, listed in monkeys.security.probes.targets of the
config, or named by --allow. Probes never follow a redirect, send no credentials, read at most
64 KiB of an answer, and stop when the kill switch is engaged.

Examples:
  simian probe https://127.0.0.1:8443 http://localhost:8080
  simian probe https://api.example.com --allow api.example.com --fail-on high -o json`,
    )
    .action(async (urls: string[], o: ProbeFlags, command: Command) => {
      const out = await commandOutput(command);
      const opts = program.opts<GlobalOptions>();
      const { killSwitchReason, severityRank, SimianError } = await import('@simian/core');
      const { commandLineTargets, runProbes, securityConfigSchema } =
        await import('@simian/security-monkey');
      const config = await optionalConfig(opts.config);
      const own = config?.monkeys['security'] as
        { probes?: { targets?: Array<{ url: string }> } } | undefined;
      const probes = securityConfigSchema.shape.probes.parse(own?.probes ?? {});
      const targets = await commandLineTargets(urls, {
        allow: o.allow,
        configured: probes.targets.map((t) => t.url),
      });
      const killSwitch = {
        safety: config?.safety ?? {
          killSwitch: { env: 'SIMIAN_KILL_SWITCH', file: '.simian/KILL' },
        },
        source: config?.source ?? { dir: process.cwd() },
      } as Pick<SimianConfig, 'safety' | 'source'>;
      const held = await killSwitchReason(killSwitch);
      if (held) {
        throw new SimianError(
          'PLAN_REJECTED',
          `nothing was probed: the kill switch is engaged (${held})`,
        );
      }
      const extraCa = await Promise.all(o.ca.map((f) => readFile(resolve(f), 'utf8')));
      const run = await runProbes(targets, {
        limits: { concurrency: Number(o.concurrency), perEndpointRate: Number(o.rate) },
        timeoutMs: probes.timeout,
        maxBodyBytes: probes.maxBodyBytes,
        tls: {
          expiryHighDays: probes.tls.expiryHighDays,
          expiryWarnDays: probes.tls.expiryWarnDays,
          ...(extraCa.length > 0 ? { extraCa } : {}),
        },
        stopReason: () => killSwitchReason(killSwitch),
      });
      const findings = [...run.findings].sort(
        (a, b) =>
          severityRank(b.severity) - severityRank(a.severity) || a.ruleId.localeCompare(b.ruleId),
      );
      out.write({
        kind: 'probe',
        data: {
          targets: run.targets.map((t) => ({
            url: t.target.url,
            address: t.address ?? null,
            reachable: t.reachable,
            ...(t.skipped ? { skipped: t.skipped } : {}),
            ...(t.identified ? { identified: t.identified } : {}),
            ...(t.tls
              ? {
                  tls: {
                    grade: t.tls.grade,
                    gradeIgnoringTrust: t.tls.gradeIgnoringTrust,
                    caps: t.tls.caps,
                    protocols: t.tls.protocols,
                    cipher: t.tls.handshake?.cipher ?? null,
                    certificate: t.tls.handshake?.chain[0] ?? null,
                  },
                }
              : {}),
            findings: t.findings.length,
          })),
          findings,
          connections: run.connections,
          durationMs: Math.round(run.durationMs),
          ...(run.stopped ? { stopped: run.stopped } : {}),
        },
      });
      process.exitCode =
        o.failOn && findings.some((f) => severityRank(f.severity) >= severityRank(o.failOn!))
          ? EXIT.FINDINGS_OR_FAILED
          : EXIT.OK;
    });
  withOutput(probe, ['probe']);
}
