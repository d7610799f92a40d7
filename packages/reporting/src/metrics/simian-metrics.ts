import {
  isExpired,
  type ActionOutcome,
  type FaultRecord,
  type GatedPlan,
  type RunResult,
} from '@simian/core';
import { Counter, Gauge, Histogram, Pushgateway, Registry } from 'prom-client';
import type { ComplianceReport } from '../data/compliance.js';
import { requirementsOf, ruleFamily } from '../model/frameworks.js';

/**
 * Every metric Simian exposes, OpenMetrics style with the `simian_` prefix: one registry per
 * process, filled by the run hooks (runs, actions, recoveries), by the current report after each
 * run (findings, scores, janitor), and by a look at the targets' faults at each scrape.
 */
export class SimianMetrics {
  readonly registry = new Registry();
  readonly runs: Counter<'monkey' | 'verdict'>;
  readonly actions: Counter<'monkey' | 'verb' | 'verdict'>;
  readonly findings: Gauge<'rule_family' | 'severity' | 'framework'>;
  readonly score: Gauge<'framework'>;
  readonly faultsActive: Gauge;
  readonly faultsResidual: Gauge;
  readonly recovery: Histogram<'monkey' | 'recovered'>;
  readonly janitorMarked: Gauge;
  readonly janitorSavings: Gauge;
  readonly lastRun: Gauge<'monkey'>;
  #faults: (() => Promise<FaultRecord[]>) | undefined;
  #listing: Promise<void> | undefined;

  constructor(options: { faults?: () => Promise<FaultRecord[]> } = {}) {
    this.#faults = options.faults;
    const registers = [this.registry];
    this.runs = new Counter({
      name: 'simian_runs_total',
      help: 'Monkey runs, by monkey and verdict (completed, incomplete, failed, interrupted, aborted).',
      labelNames: ['monkey', 'verdict'],
      registers,
    });
    this.actions = new Counter({
      name: 'simian_actions_total',
      help: 'Actions by monkey, verb and verdict (succeeded, dry-run, skipped, failed, interrupted, held-back).',
      labelNames: ['monkey', 'verb', 'verdict'],
      registers,
    });
    this.findings = new Gauge({
      name: 'simian_findings',
      help: 'Open findings of the current state, by rule family, severity and framework ("none" when the rule maps to none).',
      labelNames: ['rule_family', 'severity', 'framework'],
      registers,
    });
    this.score = new Gauge({
      name: 'simian_compliance_score_ratio',
      help: 'Share of passing controls per framework (0 to 1), waived controls left out.',
      labelNames: ['framework'],
      registers,
    });
    this.faultsActive = new Gauge({
      name: 'simian_faults_active',
      help: 'Faults Simian injected that are on their objects now.',
      registers,
      collect: async () => {
        await this.#collectFaults();
      },
    });
    this.faultsResidual = new Gauge({
      name: 'simian_faults_residual',
      help: 'Faults still on their objects after their expiry: alert when above 0.',
      registers,
      collect: async () => {
        await this.#collectFaults();
      },
    });
    this.recovery = new Histogram({
      name: 'simian_recovery_seconds',
      help: 'Seconds for a group to be whole again after a kill (timeouts count as their timeout).',
      labelNames: ['monkey', 'recovered'],
      buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600],
      registers,
    });
    this.janitorMarked = new Gauge({
      name: 'simian_janitor_marked_resources',
      help: 'Resources with an open janitor finding in the current state (marked, or to be marked, for clean-up).',
      registers,
    });
    this.janitorSavings = new Gauge({
      name: 'simian_janitor_estimated_monthly_savings_dollars',
      help: 'Estimated US dollars a month that cleaning up what the janitor found would save.',
      registers,
    });
    this.lastRun = new Gauge({
      name: 'simian_last_run_timestamp_seconds',
      help: 'When each monkey last ran (Unix time).',
      labelNames: ['monkey'],
      registers,
    });
  }

  /** A gated plan: actions the gate held back. */
  plan(gated: GatedPlan): void {
    for (const d of gated.dropped)
      this.actions.inc({ monkey: gated.monkey, verb: d.action.verb, verdict: 'held-back' });
  }

  /** One action's outcome. */
  action(outcome: ActionOutcome): void {
    this.actions.inc({
      monkey: outcome.action.monkey,
      verb: outcome.action.verb,
      verdict: outcome.status,
    });
  }

  /** A finished run: its verdict per monkey, and the recovery times its kills measured. */
  run(result: RunResult): void {
    const ended = Date.parse(result.endedAt) / 1000;
    for (const m of result.monkeys) {
      this.runs.inc({ monkey: m.monkey, verdict: m.error ? 'failed' : result.status });
      this.lastRun.set({ monkey: m.monkey }, ended);
      for (const o of m.outcomes) {
        const out = o.output ?? {};
        const seconds = out['recoverySeconds'];
        if (typeof seconds !== 'number') continue;
        const recovered = out['recovered'] !== false;
        const timeout = out['recoveryTimeoutSeconds'];
        this.recovery.observe(
          { monkey: m.monkey, recovered: String(recovered) },
          !recovered && typeof timeout === 'number' ? timeout : seconds,
        );
      }
    }
  }

  /** The current state: findings, scores and the janitor's figures, replacing the last ones. */
  state(report: ComplianceReport): void {
    this.findings.reset();
    const counts = new Map<
      string,
      { family: string; severity: string; framework: string; n: number }
    >();
    const janitorRefs = new Set<string>();
    for (const f of report.findings) {
      if (f.status !== 'open') continue;
      if (f.monkey === 'janitor') janitorRefs.add(f.resource.ref);
      const frameworks = [...new Set(requirementsOf(f.frameworks).map((r) => r.framework))];
      for (const framework of frameworks.length ? frameworks : ['none']) {
        const key = `${ruleFamily(f.ruleId)}\0${f.severity}\0${framework}`;
        const c = counts.get(key) ?? {
          family: ruleFamily(f.ruleId),
          severity: f.severity,
          framework,
          n: 0,
        };
        c.n += 1;
        counts.set(key, c);
      }
    }
    for (const c of counts.values())
      this.findings.set(
        { rule_family: c.family, severity: c.severity, framework: c.framework },
        c.n,
      );
    this.score.reset();
    for (const fw of report.frameworks)
      if (fw.score !== null) this.score.set({ framework: fw.id }, fw.score / 100);
    this.janitorMarked.set(janitorRefs.size);
    this.janitorSavings.set(report.savings?.monthly ?? 0);
  }

  /** Faults as listed now (also called at each scrape when a lister was given). */
  faults(found: readonly FaultRecord[], now = new Date()): void {
    this.faultsActive.set(found.length);
    this.faultsResidual.set(found.filter((f) => isExpired(f, now)).length);
  }

  /** One listing per scrape, however many gauges ask (prom-client collects them together). */
  #collectFaults(): Promise<void> {
    const lister = this.#faults;
    if (!lister) return Promise.resolve();
    this.#listing ??= (async () => {
      try {
        this.faults(await lister());
      } catch {
        // A target that cannot be listed keeps the last figures; the daemon logs listing errors.
      } finally {
        this.#listing = undefined;
      }
    })();
    return this.#listing;
  }

  /** The exposition text for `/metrics`. */
  async text(): Promise<string> {
    return this.registry.metrics();
  }

  /** The content type of {@link text}. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Pushes every metric to a Pushgateway under `job` (replacing what that job pushed before). */
  async push(url: string, job: string): Promise<void> {
    await this.#collectFaults();
    const gateway = new Pushgateway(url, { timeout: 5000 }, this.registry);
    await gateway.push({ jobName: job });
  }
}
