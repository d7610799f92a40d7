// A fault whose process died (SIGKILL) outlives it only until its expiry: the next run's reaper
// removes it then, and `simian faults clear` removes it at once. Real engine, real Kubernetes
// provider, a real NetworkPolicy in the sandbox's API server.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfigText, Registry, runMonkeys, silentLogger, Store } from '@simian/core';
import { kubernetesProvider } from '@simian/provider-kubernetes';
import { createNamespace, kubeClients, uniqueName } from '@simian/testing/sandbox';
import { simian } from '@simian/testing/cli';
import { NetworkingV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const kubeconfig = inject('sandboxKubeconfig');
const k = kubeClients(kubeconfig);
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const net = kc.makeApiClient(NetworkingV1Api);
const ns = uniqueName('faults');
const dir = mkdtempSync(join(tmpdir(), 'simian-faults-'));
const child = fileURLToPath(new URL('./inject-and-hang.ts', import.meta.url));

/** Runs the child until it has injected its fault, then kills it with SIGKILL. */
async function injectAndKill(name: string, expirySeconds: number): Promise<void> {
  const proc = spawn(
    process.execPath,
    [
      '--conditions=@simian/source',
      '--import',
      'tsx',
      child,
      kubeconfig,
      ns,
      name,
      String(expirySeconds),
      join(dir, `${name}.db`),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const said = await new Promise<string>((resolve, reject) => {
    proc.stdout.on('data', (d: Buffer) => {
      const line = d.toString();
      if (line.includes('injected')) resolve(line.trim());
    });
    proc.on('exit', (code) => reject(new Error(`the child exited early with ${code}`)));
  });
  expect(said).toBe('injected succeeded');
  proc.kill('SIGKILL');
  await new Promise((r) => proc.on('exit', r));
}

const policy = (name: string) =>
  net.readNamespacedNetworkPolicy({ name, namespace: ns }).then(
    (p) => p,
    () => undefined,
  );

/** simian.yaml for the sandbox, scoped to the test's namespace, with no monkey enabled. */
const configText = `version: 1
targets:
  kubernetes:
    - kubeconfig: ${kubeconfig}
      namespaces: { include: [${ns}] }
store:
  path: ${join(dir, 'simian.db')}
`;
const configFile = join(dir, 'simian.yaml');

beforeAll(async () => {
  await createNamespace(k, ns);
  writeFileSync(configFile, configText);
});
afterAll(async () => {
  await k.core.deleteNamespace({ name: ns }).catch(() => undefined);
});

describe('faults left by a process that died', () => {
  it('carry their expiry on the object, stay until it passes, and are reaped by the next run after it', async () => {
    await injectAndKill('deny-reaped', 4);
    const left = await policy('deny-reaped');
    expect(left?.metadata?.labels?.['faults.simian.dev/active']).toBe('true');
    expect(left?.metadata?.annotations).toMatchObject({
      'faults.simian.dev/monkey': 'faulter',
      'faults.simian.dev/action': 'deny-deny-reaped',
    });
    const expiresAt = Date.parse(left!.metadata!.annotations!['faults.simian.dev/expires-at']!);

    const registry = new Registry().registerProvider(kubernetesProvider);
    const config = parseConfigText(configText, configFile, registry, { env: {} });
    const store = new Store(':memory:');
    const run = () =>
      runMonkeys({ config, registry, store, logger: silentLogger(), mode: 'run', env: {} });

    await run();
    expect(Date.now()).toBeLessThan(expiresAt);
    expect(await policy('deny-reaped')).toBeDefined();

    await new Promise((r) => setTimeout(r, Math.max(0, expiresAt - Date.now()) + 200));
    const reaping = await run();
    expect(await policy('deny-reaped')).toBeUndefined();
    expect(store.ledger({ runId: reaping.runId }).map((r) => [r.monkey, r.verb, r.status])).toEqual(
      [['reaper', 'remove-fault', 'succeeded']],
    );
    store.close();
  });

  it('are listed by `simian faults list`, and `simian faults clear --all` removes them at once', async () => {
    await injectAndKill('deny-cleared', 600);
    expect(await policy('deny-cleared')).toBeDefined();

    const listed = await simian(['--config', configFile, 'faults', 'list', '-o', 'json'], dir);
    expect(listed.code).toBe(0);
    const { faults } = JSON.parse(listed.stdout) as {
      faults: Array<{ ref: string; monkey: string }>;
    };
    expect(faults.map((f) => [f.ref.split('/').slice(-2).join('/'), f.monkey])).toEqual([
      ['NetworkPolicy/deny-cleared', 'faulter'],
    ]);

    const refused = await simian(['--config', configFile, 'faults', 'clear'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('say which faults to clear');
    expect(await policy('deny-cleared')).toBeDefined();

    const cleared = await simian(['--config', configFile, 'faults', 'clear', '--all'], dir);
    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toMatch(/removed 1 fault\(s\)/);
    expect(await policy('deny-cleared')).toBeUndefined();
  });
});
