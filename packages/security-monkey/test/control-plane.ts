// Control-plane processes a test starts beside the sandbox (never changing the sandbox's own):
// an etcd that demands client certificates, and a kube-apiserver with anonymous authentication
// on its own etcd prefix, so what a test binds there stays there.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTools, readSandboxState, sandboxPaths } from '@simian/sandbox';
import { httpGet } from '../src/probe/http-get.js';

/** A process a test started, and how to stop it. */
export interface TestProcess {
  port: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

async function launch(
  what: string,
  command: string,
  args: string[],
  ready: () => Promise<boolean>,
  dir: string,
): Promise<TestProcess['stop']> {
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  };
  const until = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`${what} exited (${child.exitCode}): ${stderr}`);
    }
    if (await ready().catch(() => false)) return stop;
    if (Date.now() > until) {
      await stop();
      throw new Error(`${what} did not become ready within 120 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** An etcd on loopback over TLS that refuses clients without a certificate from the sandbox CA. */
export async function startTlsEtcd(cwd: string): Promise<TestProcess> {
  const { etcd } = await ensureTools(['etcd']);
  const pki = sandboxPaths(cwd).pki;
  const dir = await mkdtemp(join(tmpdir(), 'simian-etcd-tls-'));
  const [client, peer] = [await freePort(), await freePort()];
  const url = `https://127.0.0.1:${client}`;
  const stop = await launch(
    'the TLS etcd',
    join(etcd, 'etcd'),
    [
      '--name=tls-test',
      `--data-dir=${join(dir, 'data')}`,
      `--listen-client-urls=${url}`,
      `--advertise-client-urls=${url}`,
      `--listen-peer-urls=http://127.0.0.1:${peer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${peer}`,
      `--initial-cluster=tls-test=http://127.0.0.1:${peer}`,
      `--cert-file=${join(pki, 'components.crt')}`,
      `--key-file=${join(pki, 'components.key')}`,
      '--client-cert-auth=true',
      `--trusted-ca-file=${join(pki, 'ca.crt')}`,
      '--unsafe-no-fsync',
      '--log-level=error',
    ],
    () => accepts(client),
    dir,
  );
  return { port: client, stop };
}

/**
 * A second kube-apiserver on the sandbox's etcd, under a prefix of its own, with anonymous
 * authentication on and RBAC; the sandbox's CA and admin certificate work there too. Returns
 * its port and an admin kubeconfig for it, whose context is `anonymous-apiserver`.
 */
export async function startAnonymousApiserver(
  cwd: string,
): Promise<TestProcess & { kubeconfig: string; context: string }> {
  const { kubernetes } = await ensureTools(['kubernetes']);
  const state = await readSandboxState({ cwd });
  if (!state) throw new Error('no sandbox is running');
  const paths = sandboxPaths(cwd);
  const pki = paths.pki;
  const dir = await mkdtemp(join(tmpdir(), 'simian-apiserver-anon-'));
  const port = await freePort();
  const stop = await launch(
    'the anonymous kube-apiserver',
    join(kubernetes, 'kube-apiserver'),
    [
      `--etcd-servers=http://127.0.0.1:${state.ports.etcdClient}`,
      `--etcd-prefix=/simian-anonymous-test-${port}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${port}`,
      `--tls-cert-file=${join(pki, 'apiserver.crt')}`,
      `--tls-private-key-file=${join(pki, 'apiserver.key')}`,
      `--client-ca-file=${join(pki, 'ca.crt')}`,
      '--anonymous-auth=true',
      '--authorization-mode=RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${join(pki, 'sa.pub')}`,
      `--service-account-signing-key-file=${join(pki, 'sa.key')}`,
      '--service-cluster-ip-range=10.97.0.0/16',
      '--endpoint-reconciler-type=none',
      '--profiling=false',
      `--cert-dir=${dir}`,
    ],
    async () => {
      const answer = await httpGet({
        address: '127.0.0.1',
        port,
        tls: true,
        host: '127.0.0.1',
        path: '/readyz',
        timeoutMs: 2000,
        maxBytes: 1024,
      });
      // Anonymous /readyz is allowed once the bootstrap roles exist: the server is ready.
      return answer.status === 200;
    },
    dir,
  );
  const context = 'anonymous-apiserver';
  const admin = await readFile(paths.kubeconfig, 'utf8');
  const kubeconfig = join(dir, 'kubeconfig');
  await writeFile(
    kubeconfig,
    admin
      .replace(state.apiserverUrl, `https://127.0.0.1:${port}`)
      .replace(/^( {2}- name: )"simian-admin@simian-sandbox"$/m, `$1"${context}"`)
      .replace(/^current-context: .*$/m, `current-context: "${context}"`),
  );
  return { port, kubeconfig, context, stop };
}
