import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { TargetError } from '@simian/core';
import { KubeConfig } from '@kubernetes/client-node';
import { renderAwsEnv } from './aws-env.js';
import { createPki, type SandboxPki } from './certs.js';
import {
  apiserverLaunch,
  componentKubeconfig,
  controllerManagerLaunch,
  etcdLaunch,
  kwokLaunch,
  motoLaunch,
  schedulerLaunch,
  type ControlPlaneLayout,
} from './components.js';
import { waitForComponent } from './component-health.js';
import { writeKubeconfig } from './kubeconfig-files.js';
import { kwokConfiguration, writeContainerLog } from './kwok-config.js';
import { ensureFakeNodes, waitForNodesReady } from './nodes.js';
import { installCrds } from './crds.js';
import { quiet, type ProgressLog, type SandboxOptions } from './options.js';
import { sandboxPaths, type SandboxPaths } from './paths.js';
import { pickSandboxPorts } from './ports.js';
import { launchDetached, sandboxMarker, type LaunchSpec } from './processes.js';
import { cleanupOnSignal } from './signals.js';
import {
  readSandboxState,
  writeSandboxState,
  type ProcessRecord,
  type SandboxState,
} from './state.js';
import { inspectSandbox } from './status.js';
import { withLock } from './lock.js';
import { removeSandboxFiles } from './files.js';
import { writeAuditPolicy } from './audit.js';
import { stopProcesses } from './stop.js';
import { ensureTools, readToolVersions, sandboxTools } from './toolchain.js';

/** Options of {@link sandboxUp}. */
export interface SandboxUpOptions extends SandboxOptions {
  /**
   * How long to wait for each component to become healthy.
   * @default 120_000
   */
  healthTimeoutMs?: number;
}

/** What {@link sandboxUp} did. */
export interface SandboxUpResult {
  /** A healthy sandbox was already running and is used as it is. */
  reused: boolean;
  state: SandboxState;
  paths: SandboxPaths;
  /** Wall time of this call. */
  durationMs: number;
}

/**
 * Starts the sandbox of `cwd` (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok
 * with three fake nodes, and moto) with the real CRDs of Chaos Mesh, Istio, PolicyReport and
 * OpenReports installed (no controllers), or reuses it if it already runs and is healthy. Builds the
 * tools first if the cache lacks them. The processes are detached: they keep running after this
 * process exits, until {@link sandboxDown}. If anything fails, or this process is interrupted, what
 * was started is stopped again.
 */
export async function sandboxUp(options: SandboxUpOptions = {}): Promise<SandboxUpResult> {
  const paths = sandboxPaths(options.cwd);
  await mkdir(paths.root, { recursive: true });
  return withLock(
    join(paths.root, '.lock'),
    `the sandbox in ${paths.root}`,
    () => up(options, paths),
    options.log,
  );
}

async function up(options: SandboxUpOptions, paths: SandboxPaths): Promise<SandboxUpResult> {
  const started = Date.now();
  const log = options.log ?? quiet;
  const existing = await readSandboxState(options);
  if (existing) {
    const components = await inspectSandbox(existing, paths);
    if (existing.phase === 'ready' && components.every((c) => c.healthy)) {
      log(`sandbox: already running in ${paths.root}, reusing it`);
      printUsage(log, existing, paths);
      return { reused: true, state: existing, paths, durationMs: Date.now() - started };
    }
    const broken = components.filter((c) => !c.healthy).map((c) => `${c.name}: ${c.detail}`);
    log(
      `sandbox: the recorded sandbox is not healthy (${broken.join('; ')}); stopping what is left of it`,
    );
    await stopProcesses(existing.processes);
  }

  log(
    'toolchain: looking for etcd, kubernetes, kwok, moto, kubectl and the CRDs in the cache (a first run builds them)',
  );
  const tools = await ensureTools(sandboxTools, log);
  const versions = await readToolVersions();
  await removeSandboxFiles(paths);
  await mkdir(paths.logs, { recursive: true });
  log(
    'certificates: creating a CA, serving certificates, service-account keys and client identities',
  );
  const pki = await createPki(paths.pki);
  const ports = await pickSandboxPorts();
  const state: SandboxState = {
    format: 1,
    phase: 'starting',
    startedAt: new Date(started).toISOString(),
    ports,
    versions,
    processes: [],
    apiserverUrl: `https://127.0.0.1:${ports.apiserver}`,
    awsEndpoint: `http://127.0.0.1:${ports.moto}`,
    kubectl: join(tools.kubectl, 'kubectl'),
  };
  // Written before the first process starts, and after each one, so a crashed `up` leaves a record
  // that the next `up` or `down` uses to stop what it started.
  await writeSandboxState(paths.stateFile, state);
  const layout: ControlPlaneLayout = { paths, pki, ports, tools };
  const timeoutMs = options.healthTimeoutMs ?? 120_000;

  // Called by the signal handler and by the failure path, possibly both: stop things once.
  let stopping: Promise<void> | undefined;
  let launching: Promise<unknown> = Promise.resolve();
  const stopAll = () =>
    (stopping ??= (async () => {
      // A process being spawned right now is recorded as soon as its spawn resolves.
      await launching;
      const stopped = await stopProcesses(state.processes);
      if (stopped.length > 0) log(`sandbox: stopped ${stopped.join(', ')}`);
      await rm(paths.stateFile, { force: true });
    })());
  try {
    return await cleanupOnSignal(stopAll, async (isAborted) => {
      const start = async (spec: LaunchSpec, executable?: string): Promise<ProcessRecord> => {
        if (isAborted()) throw new TargetError('sandbox up was interrupted');
        // The marker lets anyone find every process of this sandbox (see processesMarkedWith).
        const marked = { ...spec, env: { ...spec.env, [sandboxMarker]: paths.root } };
        const launch = launchDetached(marked, executable);
        launching = launch.catch(() => undefined);
        const record = await launch;
        state.processes.push(record);
        if (isAborted()) throw new TargetError('sandbox up was interrupted');
        await writeSandboxState(paths.stateFile, state);
        log(`start: ${spec.name} (pid ${record.pid}, log ${spec.logFile})`);
        return record;
      };
      const healthy = async (record: ProcessRecord) => {
        await waitForComponent(record, ports, paths, timeoutMs);
        log(`healthy: ${record.name}`);
      };

      await writeComponentKubeconfigs(pki, state.apiserverUrl);
      await writeFile(join(paths.pki, 'kwok.yaml'), kwokConfiguration(paths));
      await writeContainerLog(paths);
      await writeAuditPolicy(paths);
      await healthy(await start(etcdLaunch(layout)));
      await healthy(await start(apiserverLaunch(layout)));
      await writeKubeconfig(
        paths.kubeconfig,
        pki.ca.cert,
        pki.admin,
        'simian-admin',
        state.apiserverUrl,
      );
      const rest = [
        await start(controllerManagerLaunch(layout)),
        await start(schedulerLaunch(layout)),
        await start(kwokLaunch(layout)),
        await start(motoLaunch(layout), 'moto_server'),
      ];
      await Promise.all(rest.map(healthy));

      const kc = new KubeConfig();
      kc.loadFromFile(paths.kubeconfig);
      const nodes = await ensureFakeNodes(kc);
      log(`nodes: created ${nodes.join(', ')}; waiting for kwok to make them Ready`);
      await Promise.all([
        waitForNodesReady(kc, nodes, timeoutMs),
        installCrds(kc, tools.crds, { log, timeoutMs }),
      ]);
      await writeFile(paths.awsEnv, renderAwsEnv(state.awsEndpoint));
      state.phase = 'ready';
      await writeSandboxState(paths.stateFile, state);
      const durationMs = Date.now() - started;
      log(`sandbox: up in ${(durationMs / 1000).toFixed(1)} s`);
      printUsage(log, state, paths);
      return { reused: false, state, paths, durationMs };
    });
  } catch (error) {
    log('sandbox: up did not finish; stopping what it started');
    await stopAll();
    throw error;
  }
}

async function writeComponentKubeconfigs(pki: SandboxPki, server: string): Promise<void> {
  const users = [
    ['controller-manager', pki.controllerManager, 'system:kube-controller-manager'],
    ['scheduler', pki.scheduler, 'system:kube-scheduler'],
    ['kwok', pki.kwok, 'kwok'],
  ] as const;
  await Promise.all(
    users.map(([file, pair, user]) =>
      writeKubeconfig(componentKubeconfig(pki, file), pki.ca.cert, pair, user, server),
    ),
  );
}

function printUsage(log: ProgressLog, state: SandboxState, paths: SandboxPaths): void {
  log(
    `  kubernetes  ${state.apiserverUrl} (kube-apiserver ${state.versions.KUBERNETES_VERSION ?? ''}, kwok nodes)`,
  );
  log(`  aws (moto)  ${state.awsEndpoint} (EC2, Auto Scaling, S3; region us-east-1)`);
  log('use it from a shell:');
  log(`  export KUBECONFIG=${paths.kubeconfig}`);
  log(`  set -a; . ${paths.awsEnv}; set +a`);
  if (state.kubectl)
    log(
      `  export PATH=${dirname(state.kubectl)}:$PATH   # kubectl ${state.versions.KUBERNETES_VERSION ?? ''}`,
    );
  log('  kubectl get nodes');
  log('then: `simian sandbox seed` for the demo estate, `simian sandbox down` to stop it');
}
