// The experiment corpus through the `simian` command, as a user runs it: every file validates;
// the ones the parity oracle cannot run under chaos run (a custom Python module through the
// Python bridge, controls, the chaosk8s functions 0.39 breaks) run against the sandbox.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Store } from '@simian/core';
import type { ExperimentJournal } from '@simian/experiments';
import { simian } from '@simian/testing/cli';
import { startToyService, type ToyService } from '@simian/testing';
import { createNamespace, kubeClients, uniqueName, waitFor } from '@simian/testing/sandbox';
import { KubeConfig, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { parse as parseYaml } from 'yaml';

const repo = join(import.meta.dirname, '..', '..');
const corpus = join(import.meta.dirname, 'corpus');
const kubeconfig = inject('sandboxKubeconfig');
const k = kubeClients(kubeconfig);
const kubeConfig = new KubeConfig();
kubeConfig.loadFromFile(kubeconfig);
const dir = mkdtempSync(join(tmpdir(), 'simian-corpus-'));
const config = join(dir, 'simian.yaml');
const ns = uniqueName('corpus');
const node = `${ns}-node`;
let python: string;
let svc: ToyService;

beforeAll(async () => {
  const { stdout } = await promisify(execFile)('bash', [
    join(repo, 'packages/sandbox/toolchain/build.sh'),
    'chaostoolkit',
  ]);
  // The toolchain's Chaos Toolkit virtualenv has chaoslib: the bridge's interpreter here.
  // (the virtualenv's own path: through the bin/ symlink Python would not find its virtualenv).
  python = join(/^chaostoolkit=(.+)$/m.exec(stdout)![1]!, '..', 'venv', 'bin', 'python');
  writeFileSync(
    config,
    `version: 1\ntargets:\n  kubernetes:\n    - kubeconfig: ${kubeconfig}\nstore:\n  path: ${join(dir, 'simian.db')}\n`,
  );
  await createNamespace(k, ns);
  const objects = KubernetesObjectApi.makeApiClient(kubeConfig);
  const crd = parseYaml(
    readFileSync(join(corpus, 'specs', 'policy-report-crd.yaml'), 'utf8'),
  ) as KubernetesObject;
  // The sandbox may already serve the real CRD (or the parity test's): then it is used as it is.
  await objects.create(crd).catch((e: { code?: number }) => {
    if (e.code !== 409) throw e;
  });
  await waitFor('the PolicyReport CRD to be served', () =>
    objects.list('wgpolicyk8s.io/v1alpha2', 'PolicyReport').then(
      () => true,
      () => undefined,
    ),
  );
  svc = await startToyService();
}, 900_000);
afterAll(async () => {
  svc?.close();
  await k.core.deleteNamespace({ name: ns }).catch(() => undefined);
  await k.core.deleteNode({ name: `${node}-spare` }).catch(() => undefined);
});

const run = (file: string, extra: string[] = [], env: Record<string, string> = {}) => {
  const journal = join(dir, `${file}.journal.json`);
  return simian(
    [
      '--config',
      config,
      'experiment',
      'run',
      join(corpus, file),
      '--journal-path',
      journal,
      ...extra,
    ],
    corpus,
    { SHOP_URL: svc.url, SHOP_TOKEN: 'not-a-real-token', ...env },
  ).then((r) => ({
    ...r,
    journal: existsSync(journal)
      ? (JSON.parse(readFileSync(journal, 'utf8')) as ExperimentJournal)
      : undefined,
  }));
};

describe('the experiment corpus', () => {
  it.each(readdirSync(corpus).filter((f) => f.endsWith('.yaml')))('%s validates', async (file) => {
    const r = await simian(
      [
        'experiment',
        'validate',
        join(corpus, file),
        '--var',
        'ns=x',
        '--var',
        'node=y',
        '--python-bridge',
        '--python',
        'python3',
        '-o',
        'json',
      ],
      corpus,
      { SHOP_URL: 'http://127.0.0.1:1', SHOP_TOKEN: 't', PARITY_NS: 'x', PARITY_NODE: 'y' },
    );
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as {
      errors: unknown[];
      activities: Array<{ native: boolean; bridge: boolean; target: string }>;
    };
    expect(report.errors).toEqual([]);
    expect(r.code).toBe(0);
    // Only the team's own modules leave Simian's hands.
    expect(report.activities.filter((a) => !a.native).map((a) => a.target)).toEqual(
      file === 'custom-module.yaml' ? ['ourext.actions.note'] : [],
    );
  });

  it('runs a custom Python module in the bridge only with the opt-in, and writes it to the ledger', async () => {
    const refused = await run('custom-module.yaml', ['--python', python]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /ourext\.actions\.note.*runs in the Python bridge, outside Simian's safety gate.*--allow-python-bridge/s,
    );

    const r = await run('custom-module.yaml', ['--python', python, '--allow-python-bridge']);
    expect(r.journal?.status).toBe('completed');
    // The shop was stopped, so the tolerance of our own judged the steady state deviated.
    expect(r.journal?.deviated).toBe(true);
    expect(r.journal?.steady_states.before?.steady_state_met).toBe(true);
    expect(r.journal?.run[0]).toMatchObject({
      status: 'succeeded',
      output: { noted: `chaos at ${svc.url}`, base: svc.url, has_token: true },
    });
    expect(r.journal?.rollbacks.map((x) => x.status)).toEqual(['succeeded']);
    expect(r.code).toBe(1);
    const store = new Store(join(dir, 'simian.db'));
    const rows = store.ledger().filter((row) => row.verb === 'python-bridge');
    store.close();
    expect(rows.map((row) => [row.ref, row.status])).toEqual(
      expect.arrayContaining([
        ['python:ourext.actions.note', 'succeeded'],
        ['python:tolerances.should_not_have_any_errors', 'succeeded'],
      ]),
    );
  });

  it('runs an experiment whose tracing and logging controls are skipped and whose safeguard runs', async () => {
    const r = await run('controls.yaml');
    expect(r.stderr).toMatch(/opentracing.{0,4} \(chaostracing\.control\) is skipped/);
    expect(r.journal?.status).toBe('completed');
    expect(r.journal?.steady_states.after?.steady_state_met).toBe(true);
    expect(r.code).toBe(0);
  });

  it('runs the chaosk8s functions chaostoolkit-kubernetes 0.39 breaks', async () => {
    const crds = await run('crd-apply.yaml', ['--var', `ns=${ns}`]);
    expect(crds.journal?.run.map((x) => [x.activity.name, x.status])).toEqual([
      ['a-report-from-json', 'succeeded'],
      ['a-report-from-yaml', 'succeeded'],
    ]);
    const nodes = await run('nodes-create.yaml', ['--var', `node=${node}`]);
    expect(nodes.journal?.run.map((x) => [x.activity.name, x.status, x.output])).toEqual([
      [
        'add-a-spare-node',
        'succeeded',
        { created: expect.stringMatching(new RegExp(`/Node/${node}-spare$`)) },
      ],
      ['delete-the-spare', 'succeeded', [`${node}-spare`]],
    ]);
    await expect(k.core.readNode({ name: `${node}-spare` })).rejects.toThrow();
  });
});
