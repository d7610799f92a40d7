// The format as chaoslib reads it: refs in the hypothesis, controls run or skipped (never a
// refusal), --var / --var-file, environment values only the run needs, doubled URL schemes, and
// validation that lists the activities even when the file does not match the format.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, silentLogger } from '@simian/core';
import { startToyService, type ToyService } from '@simian/testing';
import { createActivityRegistry } from './builtins.js';
import { loadExperimentFile } from './load.js';
import { runExperiment } from './run.js';
import { experimentSchema } from './schema.js';
import { validateExperiment } from './validate.js';
import { mergeVars, parseVar } from './vars.js';

let svc: ToyService;
beforeAll(async () => {
  svc = await startToyService();
});
afterAll(() => svc.close());
afterEach(() => {
  svc.up = true;
});

const dir = mkdtempSync(join(tmpdir(), 'simian-format-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
};
const activities = createActivityRegistry();
const run = (experiment: unknown, options: Partial<Parameters<typeof runExperiment>[1]> = {}) =>
  runExperiment(experimentSchema.parse(experiment), {
    activities,
    logger: silentLogger(),
    env: {},
    ...options,
  });

const health = {
  type: 'probe',
  name: 'health',
  tolerance: 200,
  provider: { type: 'http', url: '${base}/health' },
};

describe('refs in the steady-state hypothesis', () => {
  it('runs the activity a `{ref, tolerance}` names and judges it by the ref’s own tolerance', async () => {
    const journal = await run({
      title: 't',
      description: 'd',
      configuration: { base: svc.url },
      'steady-state-hypothesis': {
        title: 'h',
        probes: [health, { ref: 'echo', tolerance: 200 }],
      },
      method: [{ type: 'probe', name: 'echo', provider: { type: 'http', url: '${base}/echo' } }],
    });
    expect(journal.status).toBe('completed');
    expect(
      journal.steady_states.before?.probes.map((p) => [p.activity.name, p.tolerance_met]),
    ).toEqual([
      ['health', true],
      ['echo', true],
    ]);
    // A different tolerance on the ref decides, not the target's.
    const deviated = await run({
      title: 't',
      description: 'd',
      configuration: { base: svc.url },
      'steady-state-hypothesis': { title: 'h', probes: [{ ref: 'echo', tolerance: 404 }] },
      method: [{ type: 'probe', name: 'echo', provider: { type: 'http', url: '${base}/echo' } }],
    });
    expect(deviated.steady_states.before?.steady_state_met).toBe(false);
  });

  it('refuses a hypothesis ref without a tolerance, as chaoslib does', () => {
    const path = file(
      'ref-no-tolerance.yaml',
      [
        'title: t',
        'description: d',
        'steady-state-hypothesis:',
        '  title: h',
        '  probes:',
        '    - ref: echo',
        'method: []',
      ].join('\n'),
    );
    const result = validateExperiment(path, { activities });
    expect(result.errors.map((e) => [e.path, e.message])).toEqual([
      ['steady-state-hypothesis.probes.0.tolerance', 'a steady-state probe must have a tolerance'],
    ]);
  });
});

describe('validation', () => {
  it('lists every activity it can read even when the file does not match the format', () => {
    const path = file('partly-wrong.json', {
      title: 't',
      description: 'd',
      method: [
        { type: 'action', name: 'no-provider-type', provider: {} },
        {
          type: 'action',
          name: 'istio-fault',
          provider: { type: 'python', module: 'chaosistio.fault.actions', func: 'add_delay_fault' },
        },
        { type: 'probe', name: 'echo', provider: { type: 'http', url: 'http://127.0.0.1:9/' } },
      ],
    });
    const result = validateExperiment(path, { activities });
    expect(result.errors.map((e) => e.path)).toEqual(['method.0.provider.type']);
    expect(result.activities.map((a) => [a.path, a.name, a.native, a.target])).toEqual([
      ['method.1', 'istio-fault', false, 'chaosistio.fault.actions.add_delay_fault'],
      ['method.2', 'echo', true, 'http://127.0.0.1:9/'],
    ]);
  });

  it('warns about environment values only the run needs; the run refuses, naming the variable', async () => {
    const experiment = {
      title: 't',
      description: 'd',
      configuration: { base: { type: 'env', key: 'SIMIAN_TEST_BASE' } },
      secrets: { shop: { token: { type: 'env', key: 'SIMIAN_TEST_TOKEN' } } },
      method: [
        { type: 'probe', name: 'echo', provider: { type: 'http', url: 'http://127.0.0.1:9/' } },
      ],
    };
    const path = file('env.json', experiment);
    const result = validateExperiment(path, { activities, env: {} });
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => [w.path, w.position?.line])).toEqual([
      ['configuration.base', 5],
      ['secrets.shop.token', 12],
    ]);
    const error = await run(experiment).catch((e: unknown) => e as ConfigError);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.message)).toEqual([
      'refers to environment variable SIMIAN_TEST_BASE, which is not set (set it, pass --var base=VALUE, or add a default:)',
      "refers to environment variable SIMIAN_TEST_TOKEN, which is not set (set it, or give it in a --var-file's secrets)",
    ]);
  });

  it('flags a URL with its scheme twice', () => {
    const path = file('twice.json', {
      title: 't',
      description: 'd',
      configuration: { host: 'http://shop.local' },
      method: [{ type: 'probe', name: 'p', provider: { type: 'http', url: 'http://${host}/' } }],
    });
    const { errors } = validateExperiment(path, { activities });
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      [
        'method.0.provider.url',
        'has its scheme twice (http://http://host): the host would be "http"; write the scheme once, in the configuration value or in the url, but "http://http://shop.local/" was given',
      ],
    ]);
  });
});

describe('--var and --var-file', () => {
  it('parses name[:type]=value as chaos run does', () => {
    expect(parseVar('replicas:int=3')).toEqual(['replicas', 3]);
    expect(parseVar('url=http://a:1/?x=y')).toEqual(['url', 'http://a:1/?x=y']);
    expect(parseVar('on:bool=false')).toEqual(['on', false]);
    expect(() => parseVar('nothing')).toThrow(/must be name\[:type\]=value/);
  });

  it('a var overrides the configuration (even an env entry), a var file gives secrets and .env variables', async () => {
    const yamlFile = file(
      'vars.yaml',
      'configuration:\n  path: /echo\nsecrets:\n  shop:\n    token: s3cret\n',
    );
    const envFile = file('vars.env', '# comment\nSIMIAN_TEST_FROM_DOTENV=/health\n');
    const vars = mergeVars([yamlFile, envFile], [`base=${svc.url}`]);
    expect(vars).toEqual({
      configuration: { path: '/echo', base: svc.url },
      secrets: { shop: { token: 's3cret' } },
      env: { SIMIAN_TEST_FROM_DOTENV: '/health' },
    });
    const journal = await run(
      {
        title: 't',
        description: 'd',
        configuration: {
          base: { type: 'env', key: 'SIMIAN_TEST_UNSET_BASE' },
          path: '/nope',
          health: { type: 'env', key: 'SIMIAN_TEST_FROM_DOTENV' },
        },
        secrets: { shop: { token: { type: 'env', key: 'SIMIAN_TEST_UNSET_TOKEN' } } },
        method: [
          { type: 'probe', name: 'a', provider: { type: 'http', url: '${base}${path}' } },
          {
            type: 'probe',
            name: 'b',
            provider: { type: 'http', url: '${base}${health}?t=${token}' },
          },
        ],
      },
      { vars, env: vars.env },
    );
    expect(
      journal.run.map((r) => [r.activity.name, (r.output as { status: number }).status]),
    ).toEqual([
      ['a', 200],
      ['b', 200],
    ]);
  });
});

describe('controls', () => {
  const tracing = {
    name: 'opentracing',
    provider: { type: 'python', module: 'chaostracing.control' },
  };
  const mystery = { name: 'guard', provider: { type: 'python', module: 'acme.controls.guard' } };

  it('skips observing and unknown controls with a warning each, and runs the experiment', async () => {
    const experiment = {
      title: 't',
      description: 'd',
      configuration: { base: svc.url },
      controls: [tracing, mystery],
      method: [{ type: 'probe', name: 'echo', provider: { type: 'http', url: '${base}/echo' } }],
    };
    const result = validateExperiment(file('controls.json', experiment), { activities });
    expect(result.errors).toEqual([]);
    expect(result.controls.map((c) => [c.name, c.handling])).toEqual([
      ['opentracing', 'skipped'],
      ['guard', 'skipped'],
    ]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(
        /^control "opentracing" \(chaostracing\.control\) is skipped: chaostracing\.control observes the run/,
      ),
      expect.stringMatching(
        /^control "guard" \(acme\.controls\.guard\) is skipped: Simian runs no Chaos Toolkit control but safeguards/,
      ),
    ]);
    expect((await run(experiment)).status).toBe('completed');
  });

  it('runs safeguards: a failing pre-check interrupts the run before the method', async () => {
    const safeguard = (probes: unknown[]) => ({
      name: 'safeguard',
      provider: {
        type: 'python',
        module: 'chaosaddons.controls.safeguards',
        arguments: { probes },
      },
    });
    const experiment = (probes: unknown[]) => ({
      title: 't',
      description: 'd',
      configuration: { base: svc.url },
      controls: [safeguard(probes)],
      method: [{ type: 'probe', name: 'echo', provider: { type: 'http', url: '${base}/echo' } }],
      rollbacks: [
        { type: 'action', name: 'restart', provider: { type: 'http', url: '${base}/start' } },
      ],
    });
    const passing = await run(experiment([{ ...health, name: 'guard-health' }]));
    expect(passing.status).toBe('completed');
    expect(passing.run.map((r) => r.activity.name)).toEqual(['echo']);

    svc.up = false;
    const tripped = await run(experiment([{ ...health, name: 'guard-health' }]));
    expect(tripped.status).toBe('interrupted');
    expect(tripped.run).toEqual([]);
    // Interrupted runs roll back unless the strategy is "never" (Simian's rule).
    expect(tripped.rollbacks.map((r) => r.activity.name)).toEqual(['restart']);
  });

  it('runs safeguards every `frequency` seconds: one going out of tolerance mid-run interrupts it', async () => {
    const journal = await run(
      {
        title: 't',
        description: 'd',
        configuration: { base: svc.url },
        controls: [
          {
            name: 'safeguard',
            provider: {
              type: 'python',
              module: 'chaosaddons.controls.safeguards',
              arguments: { probes: [{ ...health, name: 'watch', frequency: 0.1 }] },
            },
          },
        ],
        method: [
          { type: 'action', name: 'stop', provider: { type: 'http', url: '${base}/stop' } },
          {
            type: 'action',
            name: 'wait',
            provider: { type: 'process', path: 'sleep', arguments: ['5'] },
          },
          {
            type: 'action',
            name: 'never-reached',
            provider: { type: 'http', url: '${base}/echo' },
          },
        ],
      },
      { env: { PATH: process.env.PATH } },
    );
    expect(journal.status).toBe('interrupted');
    expect(journal.run.map((r) => r.activity.name)).toEqual(['stop', 'wait']);
    expect(journal.run[1]!.exception?.join('')).toMatch(/interrupted/);
    expect(journal.duration).toBeLessThan(4);
  });
});

describe('loading', () => {
  it('loads an experiment whose probe is a ref to a method activity', () => {
    const path = file(
      'ref-probe.yaml',
      [
        'title: t',
        'description: d',
        'steady-state-hypothesis:',
        '  title: h',
        '  probes:',
        '    - ref: echo',
        '      tolerance: 200',
        'method:',
        '  - type: probe',
        '    name: echo',
        '    provider: {type: http, url: "http://127.0.0.1:9/"}',
      ].join('\n'),
    );
    expect(loadExperimentFile(path, { activities })['steady-state-hypothesis']?.probes).toEqual([
      { ref: 'echo', tolerance: 200 },
    ]);
  });
});
