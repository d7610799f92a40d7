import type { Finding } from '@simian/core';
import { probeHttp, type PathAnswer } from './http-probe.js';
import { ProbeLimits, type ProbeLimitSettings } from './limits.js';
import type { ProbeFinding } from './probe-finding.js';
import { resolveAllowed, type Lookup } from './resolve.js';
import type { ProbeTarget } from './target.js';
import { tcpConnects } from './tcp-connect.js';
import { probeTls, type TlsProbeSettings, type TlsReport } from './tls-probe.js';

/** Everything a probe run is allowed and asked to do. */
export interface ProbeOptions {
  limits: ProbeLimitSettings;
  timeoutMs: number;
  maxBodyBytes: number;
  tls: Omit<TlsProbeSettings, 'timeoutMs'>;
  /** Look for exposed admin and debug paths on HTTP(S) endpoints. @default true */
  exposure?: boolean;
  now?: Date;
  lookup?: Lookup;
  /**
   * Asked before each target: a reason (the kill switch) stops the run there. Targets already
   * under way finish their current request; nothing new starts.
   */
  stopReason?: () => Promise<string | undefined>;
  signal?: AbortSignal;
}

/** What happened to one target. */
export interface TargetReport {
  target: ProbeTarget;
  /** The address connected to, after the allowance check. */
  address?: string;
  /** Why the target was not probed (DNS outside the allowance, the kill switch). */
  skipped?: string;
  /** Something answered (TLS, HTTP or a TCP connection). */
  reachable: boolean;
  tls?: TlsReport;
  answers?: PathAnswer[];
  identified?: 'etcd' | 'kube-apiserver';
  findings: ProbeFinding[];
}

/** A whole probe run. */
export interface ProbeRun {
  targets: TargetReport[];
  findings: Finding[];
  connections: number;
  durationMs: number;
  /** Set when the run stopped early, with why. */
  stopped?: string;
}

/**
 * Probes each target within the limits: first the allowance (the address must be one the target
 * may be reached at), then TLS, HTTP and TCP checks as the target asks. Targets run concurrently;
 * every connection goes through the same limits.
 */
export async function runProbes(
  targets: readonly ProbeTarget[],
  options: ProbeOptions,
): Promise<ProbeRun> {
  const started = performance.now();
  const limits = new ProbeLimits(options.limits);
  const now = options.now ?? new Date();
  let stopped: string | undefined;
  let lastStopCheck = -Infinity;
  let checking: Promise<void> | undefined;
  const shouldStop = async (): Promise<string | undefined> => {
    if (options.signal?.aborted) stopped ??= 'interrupted';
    if (stopped || !options.stopReason) return stopped;
    // The kill switch may read a ConfigMap or a tag: ask at most every 250 ms, and let every
    // target that asks meanwhile wait for that one answer.
    if (!checking && performance.now() - lastStopCheck > 250) {
      lastStopCheck = performance.now();
      checking = options.stopReason().then(
        (reason) => {
          if (reason) stopped ??= `kill switch engaged: ${reason}`;
        },
        (error: unknown) => {
          // A switch that cannot be read counts as engaged: fail closed.
          stopped ??= `kill switch unreadable: ${(error as Error).message}`;
        },
      );
      void checking.finally(() => (checking = undefined));
    }
    if (checking) await checking;
    return stopped;
  };

  const probeOne = async (target: ProbeTarget): Promise<TargetReport> => {
    const halt = await shouldStop();
    if (halt) return { target, skipped: halt, reachable: false, findings: [] };
    const where = await resolveAllowed(target.host, target.allow, options.lookup);
    if (!where.ok) return { target, skipped: where.reason, reachable: false, findings: [] };
    const address = where.address;
    const report: TargetReport = { target, address, reachable: false, findings: [] };
    if (target.checks.includes('tcp')) {
      const connect = await limits.run(`${address}:${target.port}`, () =>
        tcpConnects(address, target.port, options.timeoutMs, options.signal),
      );
      report.reachable = connect.open;
    }
    if (target.checks.includes('tls') && !(await shouldStop())) {
      const tls = await probeTls(
        target,
        address,
        limits,
        { ...options.tls, timeoutMs: options.timeoutMs },
        now,
        options.signal,
      );
      if (tls) {
        report.tls = tls.report;
        report.reachable = true;
        report.findings.push(...tls.findings);
      }
    }
    if (target.checks.includes('http') && options.exposure !== false && !(await shouldStop())) {
      const http = await probeHttp(
        target,
        address,
        limits,
        {
          tls: target.scheme === 'https' || (target.scheme === 'auto' && report.tls !== undefined),
          timeoutMs: options.timeoutMs,
          maxBodyBytes: options.maxBodyBytes,
          legacyTls: Boolean(
            report.tls && !report.tls.protocols['TLSv1.2'] && !report.tls.protocols['TLSv1.3'],
          ),
        },
        options.signal,
      );
      report.answers = http.report.answers;
      report.reachable ||= http.report.reachable;
      if (http.report.identified) report.identified = http.report.identified;
      report.findings.push(...http.findings);
    }
    return report;
  };

  const reports = await Promise.all(targets.map(probeOne));
  return {
    targets: reports,
    findings: reports.flatMap((r) => r.findings),
    connections: limits.connections,
    durationMs: performance.now() - started,
    ...(stopped ? { stopped } : {}),
  };
}
