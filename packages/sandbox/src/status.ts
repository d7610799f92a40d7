import { probeComponent, probeTls, type ProbeResult } from './health.js';
import type { SandboxOptions } from './options.js';
import { sandboxPaths, type SandboxPaths } from './paths.js';
import { isRecordedProcessRunning } from './processes.js';
import {
  componentNames,
  readSandboxState,
  type ComponentName,
  type SandboxState,
} from './state.js';

/** How one component of a sandbox is doing. */
export interface ComponentStatus {
  name: ComponentName;
  /** The recorded pid, if it was started. */
  pid?: number;
  /** The recorded pid still runs the recorded program. */
  running: boolean;
  /** Its health endpoint answered ok. */
  healthy: boolean;
  /** `ok`, `not started`, `not running`, or what the probe saw. */
  detail: string;
}

/** What `simian sandbox status` reports. */
export interface SandboxStatus {
  paths: SandboxPaths;
  /** The state file, if a sandbox was started here and not taken down. */
  state?: SandboxState;
  /** Every component runs and is healthy, and `up` finished. */
  healthy: boolean;
  components: ComponentStatus[];
}

/** Probes each component of a recorded sandbox. */
export async function inspectSandbox(
  state: SandboxState,
  paths: SandboxPaths,
): Promise<ComponentStatus[]> {
  const tls = await probeTls(paths).catch(() => undefined);
  return Promise.all(
    componentNames.map(async (name): Promise<ComponentStatus> => {
      const record = state.processes.find((p) => p.name === name);
      if (!record) return { name, running: false, healthy: false, detail: 'not started' };
      const running = await isRecordedProcessRunning(record);
      if (!running)
        return { name, pid: record.pid, running, healthy: false, detail: 'not running' };
      const probe: ProbeResult = tls
        ? await probeComponent(name, state.ports, tls)
        : { healthy: false, detail: 'certificates are missing' };
      return { name, pid: record.pid, running, healthy: probe.healthy, detail: probe.detail };
    }),
  );
}

/**
 * Reports each component of the sandbox of `cwd`: whether its recorded process runs and whether
 * its health endpoint answers. Logs one line per component when `log` is given.
 */
export async function sandboxStatus(options: SandboxOptions = {}): Promise<SandboxStatus> {
  const paths = sandboxPaths(options.cwd);
  const state = await readSandboxState(options);
  const log = options.log;
  if (!state) {
    log?.(`no sandbox in ${paths.root} (start one with \`simian sandbox up\`)`);
    return { paths, healthy: false, components: [] };
  }
  const components = await inspectSandbox(state, paths);
  const healthy = state.phase === 'ready' && components.every((c) => c.healthy);
  if (log) {
    log(
      `sandbox in ${paths.root}: ${healthy ? 'healthy' : state.phase === 'starting' ? 'starting (or a failed up)' : 'NOT healthy'}`,
    );
    for (const c of components) {
      log(
        `  ${c.name.padEnd(24)} ${(c.pid === undefined ? '-' : `pid ${c.pid}`).padEnd(11)} ${c.healthy ? 'healthy' : c.detail}`,
      );
    }
    log(`  kubernetes: ${state.apiserverUrl}   aws: ${state.awsEndpoint}`);
  }
  return { paths, state, healthy, components };
}
