import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@simian/core';
import { silentLogger } from '@simian/core';
import { Store } from '@simian/core';
import { createActivityRegistry } from './builtins.js';
import { experimentExitCode, experimentOutcome, type ExperimentJournal } from './journal.js';
import { runExperiment, type RunExperimentOptions } from './run.js';
import { experimentSchema, type RollbackStrategy } from './schema.js';
import { startToyService, type ToyService } from '@simian/testing';

let svc: ToyService;
beforeAll(async () => {
  svc = await startToyService();
});
afterAll(() => svc.close());
afterEach(() => {
  svc.up = true;
  svc.hits.clear();
});

const activities = createActivityRegistry();
const run = (experiment: unknown, options: Partial<RunExperimentOptions> = {}) =>
  runExperiment(experimentSchema.parse(experiment), {
    activities,
    logger: silentLogger(),
    ...options,
  });

const healthProbe = (url = `${svc.url}/health`) => ({
  type: 'probe',
  name: 'service-is-healthy',
  tolerance: 200,
  provider: { type: 'http', url },
});
const call = (name: string, path: string, extra: object = {}) => ({
  type: 'action',
  name,
  provider: { type: 'http', url: `${svc.url}${path}` },
  ...extra,
});
const experiment = (method: unknown[], extra: object = {}) => ({
  title: 'toy service survives',
  description: 'probe /health around the method',
  'steady-state-hypothesis': { title: 'healthy', probes: [healthProbe()] },
  method,
  rollbacks: [call('restart', '/start')],
  ...extra,
});
const names = (runs: ExperimentJournal['run']) => runs.map((r) => `${r.activity.name}:${r.status}`);

describe('runExperiment (chaoslib semantics)', () => {
  it('passes when the service stays up: completed, not deviated, steady state met before and after', async () => {
    const journal = await run(experiment([call('look', '/echo')]));
    expect(journal.status).toBe('completed');
    expect(journal.deviated).toBe(false);
    expect(journal.steady_states.before?.steady_state_met).toBe(true);
    expect(journal.steady_states.after?.steady_state_met).toBe(true);
    expect(names(journal.run)).toEqual(['look:succeeded']);
    expect(names(journal.rollbacks)).toEqual(['restart:succeeded']);
    expect(experimentOutcome(journal)).toBe('passed');
    expect(experimentExitCode(journal)).toBe(0);
    expect(journal['chaoslib-version']).toBe('simian-0.1.0');
    expect(Object.keys(journal)).toEqual([
      'chaoslib-version',
      'platform',
      'node',
      'experiment',
      'start',
      'status',
      'deviated',
      'steady_states',
      'run',
      'rollbacks',
      'end',
      'duration',
    ]);
  });

  it('a method whose only action failed tested nothing: completed as in chaoslib, but not passed, and exit 1', async () => {
    // As an action that found no target to act on, or whose target refused us, fails.
    const journal = await run(
      experiment([
        {
          type: 'action',
          name: 'kill-nobody',
          provider: { type: 'http', url: 'http://127.0.0.1:1/' },
        },
      ]),
    );
    expect(journal.status).toBe('completed');
    expect(names(journal.run)).toEqual(['kill-nobody:failed']);
    expect(experimentOutcome(journal)).toBe('no-action-succeeded');
    expect(experimentExitCode(journal)).toBe(1);
  });

  it('deviates when the method stops the service: status stays completed (as in chaoslib), deviated is true', async () => {
    const journal = await run(experiment([call('stop-the-service', '/stop')]), {
      rollbackStrategy: 'never',
    });
    expect(journal.status).toBe('completed');
    expect(journal.deviated).toBe(true);
    const after = journal.steady_states.after!;
    expect(after.steady_state_met).toBe(false);
    expect(after.probes[0]).toMatchObject({ status: 'succeeded', tolerance_met: false });
    expect((after.probes[0]!.output as { status: number }).status).toBe(503);
    expect(experimentOutcome(journal)).toBe('deviated');
    expect(experimentExitCode(journal)).toBe(1);
    expect(svc.up).toBe(false);
  });

  it('a process action can stop the service too, and a failing action does not stop the method', async () => {
    const journal = await run(
      experiment([
        call('unreachable', '/x', { provider: { type: 'http', url: 'http://127.0.0.1:1/' } }),
        {
          type: 'action',
          name: 'stop-with-curl-like-process',
          provider: {
            type: 'process',
            path: process.execPath,
            arguments: ['-e', `fetch('${svc.url}/stop').then(() => process.exit(0))`],
          },
        },
        {
          type: 'probe',
          name: 'in-method-probe',
          provider: { type: 'http', url: `${svc.url}/health` },
        },
      ]),
      { rollbackStrategy: 'never' },
    );
    expect(names(journal.run)).toEqual([
      'unreachable:failed',
      'stop-with-curl-like-process:succeeded',
      'in-method-probe:succeeded',
    ]);
    expect(journal.run[0]!.exception?.[0]).toMatch(/^ActionFailedError: failed to connect/);
    expect(journal.deviated).toBe(true);
    expect(journal.status).toBe('completed');
  });

  it('steady state not met before: the method does not run; completed when the probe ran, failed when it could not', async () => {
    svc.up = false;
    const notMet = await run(experiment([call('stop', '/stop')]));
    expect(notMet.status).toBe('completed');
    expect(notMet.deviated).toBe(false);
    expect(notMet.run).toEqual([]);
    expect(notMet.steady_states.after).toBeNull();
    expect(experimentOutcome(notMet)).toBe('steady-state-not-met-before');
    expect(experimentExitCode(notMet)).toBe(1);

    const broken = await run(
      experiment([call('stop', '/stop')], {
        'steady-state-hypothesis': { title: 'x', probes: [healthProbe('http://127.0.0.1:1/')] },
      }),
    );
    expect(broken.status).toBe('failed');
    expect(broken.steady_states.before?.probes[0]).toMatchObject({
      status: 'failed',
      tolerance_met: false,
    });
    expect(broken.rollbacks).toEqual([]);
  });

  describe('rollbacks per strategy', () => {
    // Simian's rule: chaoslib's, except that an interrupted run rolls back unless "never".
    const table: Array<[string, Record<RollbackStrategy, boolean>]> = [
      ['passed', { default: true, always: true, never: false, deviated: false }],
      ['deviated', { default: true, always: true, never: false, deviated: true }],
      ['probe-failed-before', { default: false, always: true, never: false, deviated: false }],
      ['not-met-before', { default: true, always: true, never: false, deviated: false }],
      ['interrupted', { default: true, always: true, never: false, deviated: true }],
    ];
    const cases = table.flatMap(([scenario, byStrategy]) =>
      (Object.entries(byStrategy) as Array<[RollbackStrategy, boolean]>).map(
        ([strategy, expected]) => [scenario, strategy, expected] as const,
      ),
    );

    it.each(cases)(
      '%s with strategy %s: rollbacks run = %s',
      async (scenario, strategy, expected) => {
        const controller = new AbortController();
        let method: unknown[] = [call('look', '/echo')];
        let extra: object = {};
        if (scenario === 'deviated') method = [call('stop', '/stop')];
        if (scenario === 'not-met-before') svc.up = false;
        if (scenario === 'probe-failed-before') {
          extra = {
            'steady-state-hypothesis': { title: 'x', probes: [healthProbe('http://127.0.0.1:1/')] },
          };
        }
        if (scenario === 'interrupted') {
          method = [call('look', '/echo', { pauses: { after: 30 } })];
          setTimeout(() => controller.abort(), 50);
        }
        const journal = await run(experiment(method, extra), {
          rollbackStrategy: strategy,
          signal: controller.signal,
        });
        expect(journal.rollbacks.length > 0).toBe(expected);
        expect(svc.hits.get('/start') ?? 0).toBe(expected ? 1 : 0);
        if (scenario === 'interrupted') expect(journal.status).toBe('interrupted');
      },
    );

    it('the experiment may choose its strategy (runtime.rollbacks.strategy); the option overrides it', async () => {
      const withRuntime = experiment([call('look', '/echo')], {
        runtime: { rollbacks: { strategy: 'never' } },
      });
      expect((await run(withRuntime)).rollbacks).toEqual([]);
      expect((await run(withRuntime, { rollbackStrategy: 'always' })).rollbacks).toHaveLength(1);
    });
  });

  it('an abort during a method pause stops the method at once, runs the rollbacks and ends interrupted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const journal = await run(
      experiment([
        call('stop', '/stop', { pauses: { after: 60 } }),
        call('never-reached', '/echo'),
      ]),
      { signal: controller.signal },
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(journal.status).toBe('interrupted');
    expect(names(journal.run)).toEqual(['stop:succeeded']);
    expect(journal.steady_states.after).toBeNull();
    expect(names(journal.rollbacks)).toEqual(['restart:succeeded']);
    expect(svc.up).toBe(true);
    expect(experimentExitCode(journal)).toBe(1);
  });

  it('an abort during a running activity marks it failed and rolls back', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const journal = await run(experiment([call('slow', '/slow?ms=10000')]), {
      signal: controller.signal,
    });
    expect(journal.status).toBe('interrupted');
    expect(names(journal.run)).toEqual(['slow:failed']);
    expect(journal.run[0]!.exception?.[0]).toMatch(/^InterruptedError/);
    expect(journal.rollbacks).toHaveLength(1);
  });

  it('background activities run beside the next ones and are awaited at the end of the method', async () => {
    const journal = await run(
      experiment([
        call('slow-in-background', '/slow?ms=300', { background: true }),
        call('quick', '/echo'),
      ]),
    );
    expect(names(journal.run)).toEqual(['slow-in-background:succeeded', 'quick:succeeded']);
    const [slow, quick] = journal.run;
    expect(Date.parse(quick!.start)).toBeLessThan(Date.parse(slow!.end!));
    expect(Date.parse(journal.steady_states.after!.probes[0]!.start)).toBeGreaterThanOrEqual(
      Date.parse(slow!.end!),
    );
  });

  it('a ref re-runs an earlier activity, resolved in the journal', async () => {
    const journal = await run(
      experiment([call('look', '/echo'), { ref: 'look' }, { ref: 'service-is-healthy' }]),
    );
    expect(journal.run.map((r) => r.activity.name)).toEqual(['look', 'look', 'service-is-healthy']);
    expect(svc.hits.get('/echo')).toBe(2);
  });

  it('substitutes configuration (values and env) and secrets into arguments', async () => {
    const journal = await run(
      {
        title: 'hello ${who}',
        description: 'd',
        configuration: {
          base: svc.url,
          who: { type: 'env', key: 'SIMIAN_TEST_WHO', default: 'nobody' },
          n: { type: 'env', key: 'SIMIAN_TEST_N', env_var_type: 'int' },
        },
        secrets: { api: { token: { type: 'env', key: 'SIMIAN_TEST_TOKEN' } } },
        method: [
          {
            type: 'action',
            name: 'echo',
            provider: {
              type: 'http',
              url: '${base}/echo',
              method: 'POST',
              headers: { 'Content-Type': 'application/json', 'X-Simian': '${token}' },
              arguments: { who: '${who}', n: '${n}' },
            },
          },
        ],
      },
      { env: { SIMIAN_TEST_N: '3', SIMIAN_TEST_TOKEN: 'tok-93f1', PATH: process.env.PATH } },
    );
    expect(journal.experiment.title).toBe('hello nobody');
    const body = (journal.run[0]!.output as { body: { body: string; header: string } }).body;
    expect(JSON.parse(body.body)).toEqual({ who: 'nobody', n: 3 });
    // The service echoed the substituted secret back; the journal keeps it only as redacted
    // (which proves it was the exact secret that was sent).
    expect(body.header).toBe('[redacted]');
    // The journal keeps the activity as written: secrets do not land in it.
    expect(JSON.stringify(journal)).not.toContain('tok-93f1');
  });

  it('keeps no secret in the journal or the store: not in outputs, exception texts, nor URLs with user-info', async () => {
    const store = new Store(':memory:');
    const journal = await run(
      {
        title: 't',
        description: 'd',
        secrets: {
          api: {
            token: { type: 'env', key: 'SIMIAN_TEST_TOKEN' },
            pw: { type: 'env', key: 'SIMIAN_TEST_PW' },
          },
        },
        method: [
          {
            type: 'action',
            name: 'echo-token',
            provider: { type: 'http', url: `${svc.url}/echo`, headers: { 'X-Simian': '${token}' } },
          },
          {
            type: 'action',
            name: 'refused',
            provider: { type: 'http', url: 'http://admin:${pw}@127.0.0.1:1/' },
          },
        ],
      },
      {
        env: {
          SIMIAN_TEST_TOKEN: 'q"uoted\\tok-77aa',
          SIMIAN_TEST_PW: 'pw-88bb',
          PATH: process.env.PATH,
        },
        store,
        redact: ['simian-yaml-secret'],
        journalId: 'j1',
      },
    );
    expect(names(journal.run)).toEqual(['echo-token:succeeded', 'refused:failed']);
    const stored = JSON.stringify(store.journal('j1'));
    for (const text of [JSON.stringify(journal), stored]) {
      expect(text).not.toContain('tok-77aa');
      expect(text).not.toContain('pw-88bb');
      expect(text).toContain('[redacted]');
    }
    store.close();
  });

  it('prints no secret in the error that refuses an experiment before it runs', async () => {
    const error = await run(
      {
        title: 't',
        description: 'd',
        secrets: { api: { token: { type: 'env', key: 'SIMIAN_TEST_TOKEN' } } },
        method: [
          { type: 'action', name: 'a', provider: { type: 'http', url: 'http://x:${token}@h/' } },
        ],
      },
      { env: { SIMIAN_TEST_TOKEN: 'bad\\tok-55cc' } },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(JSON.stringify((error as ConfigError).issues)).toContain('[redacted]');
    expect((error as ConfigError).describe()).not.toContain('tok-55cc');
  });

  it('dry-run (true = actions): probes run, actions are journaled but not called', async () => {
    const journal = await run(experiment([call('stop', '/stop')]), { dryRun: true });
    expect(names(journal.run)).toEqual(['stop:succeeded']);
    expect(journal.run[0]!.output).toBeNull();
    expect(svc.hits.get('/stop')).toBeUndefined();
    expect(svc.hits.get('/health')).toBe(2);
    expect(journal.experiment.dry).toBe('actions');
  });

  it('an activity timeout (Simian enforces it) fails the activity and the method goes on', async () => {
    const journal = await run(
      experiment([call('slow', '/slow?ms=5000', { timeout: 0.2 }), call('next', '/echo')]),
    );
    expect(names(journal.run)).toEqual(['slow:failed', 'next:succeeded']);
    expect(journal.run[0]!.exception?.[0]).toMatch(/timeout of 0.2s/);
    expect(journal.status).toBe('completed');
  });

  it('refuses to start, naming module and function, when a Python activity is not implemented', async () => {
    const error = await run(
      experiment([
        {
          type: 'action',
          name: 'kill-a-pod',
          provider: {
            type: 'python',
            module: 'chaosk8s.pod.actions',
            func: 'terminate_pods',
            arguments: {},
          },
        },
      ]),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(
      /method\.0\.provider\.func: activity "kill-a-pod" calls chaosk8s\.pod\.actions\.terminate_pods \(module chaosk8s\.pod\.actions, function terminate_pods\), which Simian does not implement/,
    );
    expect(svc.hits.size).toBe(0);
  });

  it('refuses to start on a missing environment variable or a dangling ref; a control is skipped, not refused', async () => {
    const error = await run(
      experiment([{ ref: 'nope' }], {
        configuration: { token: { type: 'env', key: 'SIMIAN_SURELY_UNSET' } },
        controls: [
          { name: 'tracing', provider: { type: 'python', module: 'chaostracing.control' } },
        ],
      }),
    ).catch((e: unknown) => e as ConfigError);
    const paths = (error as ConfigError).issues.map((i) => i.path);
    expect(paths).toEqual(['configuration.token', 'method.0.ref']);
    expect((error as ConfigError).message).toContain('SIMIAN_SURELY_UNSET');
  });

  it('saves the journal to the store', async () => {
    const store = new Store(join(mkdtempSync(join(tmpdir(), 'simian-exp-')), 'simian.db'));
    const journal = await run(experiment([call('look', '/echo')]), { store, journalId: 'exp-1' });
    expect(store.journal('exp-1')).toEqual(JSON.parse(JSON.stringify(journal)));
    store.close();
    expect(existsSync(store.path)).toBe(true);
  });
});
