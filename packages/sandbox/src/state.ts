import { readFile, rename, writeFile } from 'node:fs/promises';
import { SimianError } from '@simian/core';
import type { SandboxOptions } from './options.js';
import { sandboxPaths } from './paths.js';

/** The processes a sandbox runs, in start order. */
export const componentNames = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kwok',
  'moto',
] as const;
/** One of {@link componentNames}. */
export type ComponentName = (typeof componentNames)[number];

/** A process the sandbox started, and how to recognise it again before signalling it. */
export interface ProcessRecord {
  name: ComponentName;
  pid: number;
  /** The executable's file name as it appears in the process's argv (`etcd`, `moto_server`). */
  executable: string;
  /** Start time in clock ticks after boot (Linux `/proc/<pid>/stat`), to tell a reused pid apart. */
  startTicks?: number;
  /** Its stdout and stderr. */
  logFile: string;
}

/** The loopback ports a sandbox listens on. */
export interface SandboxPorts {
  etcdClient: number;
  etcdPeer: number;
  apiserver: number;
  controllerManager: number;
  scheduler: number;
  kwok: number;
  moto: number;
}

/** What `.simian/sandbox/state.json` holds. */
export interface SandboxState {
  /** Format version of this file. */
  format: 1;
  /** `starting` while `up` runs, `ready` once every component answered. */
  phase: 'starting' | 'ready';
  /** ISO time `up` began. */
  startedAt: string;
  ports: SandboxPorts;
  /** The pinned tool versions it runs (from versions.env). */
  versions: Record<string, string>;
  processes: ProcessRecord[];
  /** `https://127.0.0.1:<port>` */
  apiserverUrl: string;
  /** `http://127.0.0.1:<port>` */
  awsEndpoint: string;
  /** The kubectl built at the apiserver's version, for people (the sandbox does not use it). */
  kubectl?: string;
}

const portKeys: readonly (keyof SandboxPorts)[] = [
  'etcdClient',
  'etcdPeer',
  'apiserver',
  'controllerManager',
  'scheduler',
  'kwok',
  'moto',
];

function invalid(file: string, what: string): SimianError {
  return new SimianError('INPUT_INVALID', `${file} is not a sandbox state file: ${what}`, {
    hint: 'Run `simian sandbox down` and `simian sandbox up` to start over (processes it names are stopped first).',
  });
}

const isPort = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) > 0 && (v as number) < 65536;

/** Parses and checks the text of a state file; `file` only names it in errors. */
export function parseSandboxState(text: string, file = 'state.json'): SandboxState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalid(file, `not JSON (${(error as Error).message})`);
  }
  const s = data as Partial<SandboxState> | null;
  if (typeof s !== 'object' || s === null || Array.isArray(s)) throw invalid(file, 'not an object');
  if (s.format !== 1) throw invalid(file, `format is ${JSON.stringify(s.format)}, expected 1`);
  if (s.phase !== 'starting' && s.phase !== 'ready')
    throw invalid(file, `unknown phase ${JSON.stringify(s.phase)}`);
  if (typeof s.startedAt !== 'string') throw invalid(file, 'startedAt is missing');
  if (typeof s.ports !== 'object' || s.ports === null) throw invalid(file, 'ports is missing');
  for (const key of portKeys) {
    if (!isPort(s.ports[key])) throw invalid(file, `ports.${key} is not a port number`);
  }
  if (typeof s.versions !== 'object' || s.versions === null)
    throw invalid(file, 'versions is missing');
  if (!Array.isArray(s.processes)) throw invalid(file, 'processes is not a list');
  s.processes.forEach((p: Partial<ProcessRecord>, i) => {
    if (!componentNames.includes(p.name as ComponentName))
      throw invalid(file, `processes[${i}].name is unknown`);
    if (!Number.isInteger(p.pid) || (p.pid as number) <= 1)
      throw invalid(file, `processes[${i}].pid is not a pid`);
    if (typeof p.executable !== 'string' || p.executable === '')
      throw invalid(file, `processes[${i}].executable is missing`);
    if (p.startTicks !== undefined && !Number.isInteger(p.startTicks))
      throw invalid(file, `processes[${i}].startTicks is not an integer`);
    if (typeof p.logFile !== 'string') throw invalid(file, `processes[${i}].logFile is missing`);
  });
  if (typeof s.apiserverUrl !== 'string') throw invalid(file, 'apiserverUrl is missing');
  if (typeof s.awsEndpoint !== 'string') throw invalid(file, 'awsEndpoint is missing');
  if (s.kubectl !== undefined && typeof s.kubectl !== 'string')
    throw invalid(file, 'kubectl is not a path');
  return s as SandboxState;
}

/** The state of the sandbox of `cwd`, or `undefined` when none was started (or it was taken down). */
export async function readSandboxState(
  options: SandboxOptions = {},
): Promise<SandboxState | undefined> {
  const { stateFile } = sandboxPaths(options.cwd);
  let text: string;
  try {
    text = await readFile(stateFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseSandboxState(text, stateFile);
}

/** Writes the state file atomically (a reader never sees half a file). */
export async function writeSandboxState(stateFile: string, state: SandboxState): Promise<void> {
  const tmp = `${stateFile}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`);
  await rename(tmp, stateFile);
}
