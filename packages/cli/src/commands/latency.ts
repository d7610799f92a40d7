import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { SimianConfig } from '@simian/core';
import type { ToxicSpec, ToxicStream } from '@simian/latency-monkey';
import { chooseConfig, loadContext, type GlobalOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';

type Core = typeof import('@simian/core');

interface ProxyFlags {
  listen: string;
  upstream: string;
  for: string;
  delay?: string;
  jitter?: string;
  direction: 'downstream' | 'upstream' | 'both';
  bandwidth?: string;
  resetAfter?: string;
  timeout?: string;
  toxicity?: string;
}

const duration = (
  { parseDuration, SimianError }: Core,
  flag: string,
  text: string | undefined,
): number | undefined => {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined) {
    throw new SimianError(
      'INPUT_INVALID',
      `${flag} must be a duration such as 200ms or 1m, but "${text}" was given`,
    );
  }
  return ms;
};

/** The toxics the flags ask for, on each stream `--direction` names. */
function toxicsOf(
  core: Core,
  f: ProxyFlags,
): Array<{ spec: ToxicSpec; stream: ToxicStream; toxicity?: number }> {
  const { SimianError } = core;
  const specs: ToxicSpec[] = [];
  const delay = duration(core, '--delay', f.delay);
  const jitter = duration(core, '--jitter', f.jitter);
  if (delay !== undefined || jitter !== undefined) {
    specs.push({ type: 'latency', latencyMs: delay ?? 0, ...(jitter ? { jitterMs: jitter } : {}) });
  }
  if (f.bandwidth !== undefined) {
    const rate = Number(f.bandwidth);
    if (!(rate > 0))
      throw new SimianError(
        'INPUT_INVALID',
        `--bandwidth must be KB/s above 0, but "${f.bandwidth}" was given`,
      );
    specs.push({ type: 'bandwidth', rateKBps: rate });
  }
  const reset = duration(core, '--reset-after', f.resetAfter);
  if (reset !== undefined) specs.push({ type: 'reset', afterMs: reset });
  const timeout = duration(core, '--timeout', f.timeout);
  if (timeout !== undefined) specs.push({ type: 'timeout', timeoutMs: timeout });
  const toxicity = f.toxicity === undefined ? undefined : Number(f.toxicity);
  if (toxicity !== undefined && !(toxicity > 0 && toxicity <= 1)) {
    throw new SimianError(
      'INPUT_INVALID',
      `--toxicity must be a share above 0 and at most 1, but "${f.toxicity}" was given`,
    );
  }
  const streams: ToxicStream[] =
    f.direction === 'both' ? ['upstream', 'downstream'] : [f.direction];
  return streams.flatMap((stream) =>
    specs.map((spec) => ({ spec, stream, ...(toxicity !== undefined ? { toxicity } : {}) })),
  );
}

export function registerLatency(program: Command): void {
  const latency = program
    .command('latency')
    .description(
      'Network faults outside a run: a local TCP proxy with latency, bandwidth, reset and timeout.',
    );
  latency
    .command('proxy')
    .description(
      'Run a TCP proxy that adds latency (and other toxics) for a bounded time, then stops.',
    )
    .requiredOption('--listen <host:port>', 'where the proxy listens (:0 picks a free port)')
    .requiredOption('--upstream <host:port>', 'where it forwards to')
    .requiredOption(
      '--for <duration>',
      'how long the toxics stay; the proxy stops then (at most safety.maxFaultDuration)',
    )
    .option('--delay <duration>', 'latency added to each chunk (toxiproxy latency)')
    .option('--jitter <duration>', 'up to this much more or less, uniformly')
    .option(
      '--direction <which>',
      'downstream (answers), upstream (requests) or both',
      'downstream',
    )
    .option('--bandwidth <KB/s>', 'at most this many kilobytes (1000 bytes) per second')
    .option('--reset-after <duration>', 'reset each connection (TCP RST) this long after it opens')
    .option(
      '--timeout <duration>',
      'let nothing through, and close each connection after this long (0: never)',
    )
    .option('--toxicity <share>', 'share of connections the toxics act on, 0-1', undefined)
    .addHelpText(
      'after',
      '\nThe toxics live in this process only: when it ends, however it ends (SIGKILL included), they\nare gone. The kill switch stops it like a run: engaged at the start, nothing starts; engaged\nlater, the toxics come off and the proxy stops. See docs/latency.md.\n\nExample:\n  simian latency proxy --listen 127.0.0.1:8081 --upstream 127.0.0.1:8080 --delay 200ms --jitter 20ms --for 60s',
    )
    .action(async (flags: ProxyFlags) => {
      const opts = program.opts<GlobalOptions>();
      const core = await import('@simian/core');
      const { abortOnSignals, formatDuration, killSwitchReason, safetySchema, SimianError } = core;
      const { parseHostPort, runLatencyProxy } = await import('@simian/latency-monkey');
      if (!['downstream', 'upstream', 'both'].includes(flags.direction)) {
        throw new SimianError(
          'INPUT_INVALID',
          `--direction must be downstream, upstream or both, but "${flags.direction}" was given`,
        );
      }
      // With a simian.yaml its safety section applies; without one, its defaults do.
      const choice = chooseConfig(opts);
      const hasConfig = choice.from !== 'default' || existsSync(choice.path);
      const config: Pick<SimianConfig, 'safety' | 'source'> = hasConfig
        ? (await loadContext(opts)).config
        : ({ safety: safetySchema.parse({}), source: { dir: process.cwd() } } as Pick<
            SimianConfig,
            'safety' | 'source'
          >);
      const forMs = duration(core, '--for', flags.for)!;
      const max = config.safety.maxFaultDuration;
      if (forMs <= 0 || forMs > max) {
        throw new SimianError(
          'INPUT_INVALID',
          `--for must be above 0 and at most safety.maxFaultDuration (${formatDuration(max)}), but "${flags.for}" was given`,
        );
      }
      const toxics = toxicsOf(core, flags);
      const { signal, dispose } = abortOnSignals();
      try {
        const result = await runLatencyProxy({
          listen: parseHostPort(flags.listen, '--listen'),
          upstream: parseHostPort(flags.upstream, '--upstream'),
          toxics,
          forMs,
          killSwitch: () => killSwitchReason(config),
          signal,
          log: (line) => process.stdout.write(`${line}\n`),
        });
        process.exitCode =
          result.ended === 'interrupted'
            ? EXIT.INTERRUPTED
            : result.ended === 'kill-switch'
              ? EXIT.FINDINGS_OR_FAILED
              : EXIT.OK;
      } finally {
        dispose();
      }
    });
}
