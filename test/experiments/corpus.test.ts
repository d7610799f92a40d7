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
import {
  createActivityRegistry,
  validateExperiment,
  type ExperimentJournal,
} from '@simian/experiments';
import { registerActivityPack } from '@simian/activities';
import { simian } from '@simian/testing/cli';
import { startToyService, type ToyService } from '@simian/testing';
import {
  createNamespace,
  kubeClients,
  uniqueName,
  waitFor,
  waitReady,
  workloadBody,
} from '@simian/testing/sandbox';
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
  await svc?.close();
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
  it.each(readdirSync(corpus).filter((f) => f.endsWith('.yaml')))('%s validates', (file) => {
    // In process, as `simian experiment validate --var ... --python-bridge` checks it.
    const activities = registerActivityPack(createActivityRegistry()).usePythonBridge({
      allowed: false,
      optIn: 'pass --allow-python-bridge',
      run: () => Promise.reject(new Error('validation runs nothing')),
    });
    const report = validateExperiment(join(corpus, file), {
      activities,
      vars: { configuration: { ns: 'x', node: 'y' } },
      env: { PATH: process.env.PATH, SHOP_URL: 'http://127.0.0.1:1', SHOP_TOKEN: 't' },
    });
    expect(report.errors).toEqual([]);
    // Only the team's own modules leave Simian's hands.
    expect(report.activities.filter((a) => !a.native).map((a) => a.target)).toEqual(
      file === 'custom-module.yaml' ? ['ourext.actions.note'] : [],
    );
  });

  it('simian experiment validate says which activities run in the Python bridge, outside the gate', async () => {
    const r = await simian(
      [
        'experiment',
        'validate',
        join(corpus, 'custom-module.yaml'),
        '--python-bridge',
        '--python',
        'python3',
      ],
      corpus,
      { SHOP_URL: 'http://127.0.0.1:1', SHOP_TOKEN: 't' },
    );
    expect(r.stdout).toMatch(
      /method\s+note-the-run\s+action\/python\s+ourext\.actions\.note\s+python bridge/,
    );
    expect(r.stdout).toMatch(
      /warning: .*ourext\.actions\.note.*outside Simian's safety gate.*--allow-python-bridge/,
    );
    expect(r.stdout).toContain('custom-module.yaml is valid');
    expect(r.code).toBe(0);
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

  it('runs the old names 0.39 lacks or breaks, putting the name in their default selector', async () => {
    // `old`: a Deployment and a Service labelled name=old, as the first chaosk8s releases expected.
    const body = workloadBody('old', { name: 'old' });
    await k.apps.createNamespacedDeployment({ namespace: ns, body });
    await waitReady(k, ns, 'old', 1);
    await k.core.createNamespacedService({
      namespace: ns,
      body: {
        metadata: { name: 'old', labels: { name: 'old' } },
        spec: { selector: { app: 'old' }, ports: [{ port: 80 }] },
      },
    });
    const r = await run('old-names-fixed.yaml', ['--var', `ns=${ns}`]);
    // On a failure, the message shows each activity's exception.
    const why = JSON.stringify(r.journal?.run.map((x) => [x.activity.name, x.exception]));
    expect(
      r.journal?.run.map((x) => [x.activity.name, x.status]),
      why,
    ).toEqual([
      ['the-old-service-probe', 'succeeded'],
      ['new-image', 'succeeded'],
      ['delete-the-old-pods', 'succeeded'],
      ['kill-the-old-microservice', 'succeeded'],
    ]);
    expect(r.journal?.run[0]!.output).toBe(true);
    expect((r.journal?.run[2]!.output as string[]).length).toBeGreaterThan(0);
    await waitFor('the old Deployment to be gone', () =>
      k.apps.readNamespacedDeployment({ namespace: ns, name: 'old' }).then(
        () => undefined,
        () => true,
      ),
    );
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
