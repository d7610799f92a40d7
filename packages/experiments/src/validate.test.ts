import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, formatConfigIssue } from '@simian/core';
import { ACTIVITY_FUNCTIONS } from '@simian/activities';
import { createActivityRegistry } from './builtins.js';
import { loadExperimentFile, parseExperimentText } from './load.js';
import { validateExperiment } from './validate.js';

const dir = mkdtempSync(join(tmpdir(), 'simian-experiment-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as ConfigError;
  }
  throw new Error('expected an error');
};

// The pack's Prometheus and load functions without its Kubernetes ones, so these tests see both a
// native function and a module Simian does not implement.
const withoutKubernetes = createActivityRegistry();
for (const [name, fn] of Object.entries(ACTIVITY_FUNCTIONS)) {
  if (!name.startsWith('chaosk8s.') && !name.startsWith('simian.kubernetes.')) {
    withoutKubernetes.registerPythonFunction(name, fn);
  }
}

describe('loading experiments', () => {
  it('accepts a published-style JSON experiment and keeps keys Simian does not use', () => {
    const path = file(
      'published.json',
      JSON.stringify({
        version: '1.0.0',
        title: 'What happens when the service is slow?',
        description: 'A published experiment with extra keys',
        tags: ['http'],
        contributions: { reliability: 'high' },
        extensions: [{ name: 'reliably', hash: 'abc' }],
        'steady-state-hypothesis': {
          title: 'up',
          probes: [
            {
              type: 'probe',
              name: 'up',
              tolerance: { type: 'regex', pattern: 'ok', target: 'body' },
              provider: { type: 'http', url: 'http://127.0.0.1:9/health', timeout: [1, 3] },
            },
          ],
        },
        method: [
          {
            type: 'action',
            name: 'wait',
            provider: { type: 'process', path: 'sleep', arguments: '0' },
            pauses: { after: '${pause}' },
          },
        ],
        configuration: { pause: 1 },
      }),
    );
    const experiment = loadExperimentFile(path, { activities: createActivityRegistry() });
    expect(experiment.contributions).toEqual({ reliability: 'high' });
    expect(experiment.extensions).toEqual([{ name: 'reliably', hash: 'abc' }]);
    expect(experiment.version).toBe('1.0.0');
  });

  it('names file:line:column for bad YAML, and for format errors at their node', () => {
    const bad = errorOf(() => loadExperimentFile(file('bad.yaml', 'title: x\ntitle: y\n')));
    expect(bad).toBeInstanceOf(ConfigError);
    expect(bad.issues[0]!.message).toMatch(/^invalid YAML/);
    expect(bad.issues[0]!.position).toMatchObject({ file: join(dir, 'bad.yaml'), line: 2 });

    const text = [
      'title: t',
      'description: d',
      'steady-state-hypothesis:',
      '  title: h',
      '  probes:',
      '    - type: probe',
      '      name: p',
      '      provider: {type: http, url: "http://x"}',
      'method:',
      '  - type: actoin',
      '    name: a',
      '    provider: {type: ftp}',
    ].join('\n');
    const format = errorOf(() => parseExperimentText(text, 'exp.yaml'));
    expect(format.issues.map(formatConfigIssue)).toEqual([
      'steady-state-hypothesis.probes.0.tolerance: a steady-state probe must have a tolerance (exp.yaml:6:7)',
      'method.0.type: activity type must be "probe" or "action", but "actoin" was given (exp.yaml:10:11)',
      'method.0.provider.type: provider.type must be one of "http", "process", "python", but "ftp" was given (exp.yaml:12:22)',
    ]);
  });

  it('names the line of a JSON syntax error', () => {
    const e = errorOf(() =>
      loadExperimentFile(file('broken.json', '{\n  "title": "x",\n  oops\n}')),
    );
    expect(e.issues[0]!.message).toMatch(/^invalid JSON/);
    expect(e.issues[0]!.position?.line).toBe(3);
  });
});

describe('validateExperiment', () => {
  it('lists which activities run natively, and names unknown Python functions with their line', () => {
    const path = file(
      'mixed.yaml',
      [
        'title: t',
        'description: d',
        'steady-state-hypothesis:',
        '  title: h',
        '  probes:',
        '    - type: probe',
        '      name: errors-are-rare',
        '      tolerance: {type: jsonpath, path: "$.data.result[0].value[1]", expect: "0"}',
        '      provider:',
        '        type: python',
        '        module: chaosprometheus.probes',
        '        func: query',
        '        arguments: {query: "sum(up)"}',
        'method:',
        '  - type: action',
        '    name: load',
        '    background: true',
        '    provider: {type: python, module: simian.load, func: http, arguments: {url: "http://127.0.0.1:9/", rate: 5, duration: 1}}',
        '  - type: action',
        '    name: kill',
        '    provider:',
        '      type: python',
        '      module: chaosk8s.pod.actions',
        '      func: terminate_pods',
        '  - type: probe',
        '    name: list',
        '    provider: {type: process, path: ls}',
        '  - ref: errors-are-rare',
        'rollbacks:',
        '  - type: action',
        '    name: restore',
        '    provider: {type: http, url: "http://127.0.0.1:9/start", method: POST}',
      ].join('\n'),
    );
    const result = validateExperiment(path, { activities: withoutKubernetes });
    expect(
      result.activities.map((a) => [
        a.section,
        a.name,
        a.provider,
        a.target,
        a.native,
        a.background,
      ]),
    ).toEqual([
      [
        'steady-state-hypothesis',
        'errors-are-rare',
        'python',
        'chaosprometheus.probes.query',
        true,
        false,
      ],
      ['method', 'load', 'python', 'simian.load.http', true, true],
      ['method', 'kill', 'python', 'chaosk8s.pod.actions.terminate_pods', false, false],
      ['method', 'list', 'process', 'ls', true, false],
      ['method', 'errors-are-rare', 'python', 'chaosprometheus.probes.query', true, false],
      ['rollbacks', 'restore', 'http', 'http://127.0.0.1:9/start', true, false],
    ]);
    expect(result.activities[4]!.ref).toBe('errors-are-rare');
    expect(result.errors).toHaveLength(1);
    expect(formatConfigIssue(result.errors[0]!)).toMatch(
      /^method\.1\.provider\.func: activity "kill" calls chaosk8s\.pod\.actions\.terminate_pods \(module chaosk8s\.pod\.actions, function terminate_pods\), which Simian does not implement; Simian implements no function of module chaosk8s\.pod\.actions; it implements: chaosprometheus\.probes, simian\.latency\.probes, simian\.load .* \(.*mixed\.yaml:24:13\)$/,
    );
  });

  it('checks arguments against the function schema, JSONPath and regex syntax, refs and executables', () => {
    const path = file(
      'wrong.yaml',
      [
        'title: t',
        'description: d',
        'steady-state-hypothesis:',
        '  title: h',
        '  probes:',
        '    - type: probe',
        '      name: p',
        '      tolerance: {type: jsonpath, path: "items[0]"}',
        '      provider: {type: python, module: chaosprometheus.probes, func: query, arguments: {qery: up}}',
        '    - type: probe',
        '      name: q',
        '      tolerance: {type: regex, pattern: "(unclosed"}',
        '      provider: {type: process, path: /no/such/binary}',
        'method:',
        '  - ref: missing',
      ].join('\n'),
    );
    const { errors, warnings } = validateExperiment(path, { activities: withoutKubernetes });
    expect(errors.map((e) => [e.path, e.position?.line])).toEqual([
      ['steady-state-hypothesis.probes.0.provider.arguments.query', 9],
      ['steady-state-hypothesis.probes.0.provider.arguments', 9],
      ['steady-state-hypothesis.probes.0.tolerance.path', 8],
      ['steady-state-hypothesis.probes.1.tolerance.pattern', 12],
      ['method.0.ref', 15],
    ]);
    expect(errors[1]!.message).toBe('unknown key "qery"');
    // The executable is needed where the experiment runs: validation warns, the run refuses.
    expect(warnings.map((e) => [e.path, e.position?.line])).toEqual([
      ['steady-state-hypothesis.probes.1.provider.path', 13],
    ]);
    expect(() => loadExperimentFile(path, { activities: withoutKubernetes })).toThrow(
      /steady-state-hypothesis\.probes\.1\.provider\.path: executable "\/no\/such\/binary" of activity "q" cannot be found on PATH \(/,
    );
  });

  it('the worked example validates, apart from the chaosk8s functions other packages register', () => {
    const example = fileURLToPath(
      new URL('../../../deploy/examples/experiments/kill-pod-probe-service.yaml', import.meta.url),
    );
    const result = validateExperiment(example, { env: {}, activities: withoutKubernetes });
    expect(result.errors.map((e) => e.path)).toEqual([
      'steady-state-hypothesis.probes.1.provider.func',
      'method.1.provider.func',
    ]);
    expect(result.errors.map((e) => e.message).join('\n')).toMatch(
      /chaosk8s\.deployment\.probes\.deployment_available_and_healthy[\s\S]*chaosk8s\.pod\.actions\.terminate_pods/,
    );
    expect(result.activities.filter((a) => !a.native).map((a) => a.target)).toEqual([
      'chaosk8s.deployment.probes.deployment_available_and_healthy',
      'chaosk8s.pod.actions.terminate_pods',
    ]);
  });
});
