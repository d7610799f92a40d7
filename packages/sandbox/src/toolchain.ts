import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ActionFailedError, SimianError } from '@simian/core';
import { withLock } from './lock.js';
import { quiet, type ProgressLog } from './options.js';

/** A tool that `toolchain/build.sh` knows how to build. */
export type SandboxTool =
  | 'kubernetes'
  | 'etcd'
  | 'kwok'
  | 'moto'
  | 'opa'
  | 'conftest'
  | 'chaostoolkit'
  | 'kubectl'
  | 'helm'
  | 'chromium'
  | 'crds'
  | 'toxiproxy';

/**
 * The tools `sandboxUp` needs; kubectl is there for people, the sandbox itself does not use it.
 * `crds` is a folder of real CustomResourceDefinitions (Chaos Mesh, Istio, PolicyReport,
 * OpenReports), not a program.
 */
export const sandboxTools = [
  'etcd',
  'kubernetes',
  'kwok',
  'moto',
  'kubectl',
  'crds',
] as const satisfies readonly SandboxTool[];

/** Folder of the build script and the pinned versions; the same from `src/` and `dist/`. */
const toolchainDir = fileURLToPath(new URL('../toolchain/', import.meta.url));

/** The build cache, chosen exactly as build.sh chooses it. */
export function toolCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SIMIAN_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'simian');
}

/** `KEY=value` lines of a versions.env file; comments and blank lines are skipped. */
export function parseVersionsEnv(text: string): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Z][A-Z0-9_]*)=(\S+)$/.exec(line);
    if (!match) {
      throw new SimianError(
        'INPUT_INVALID',
        `versions.env has a line that is not KEY=value: "${line}"`,
        {
          hint: 'Each line of packages/sandbox/toolchain/versions.env must look like ETCD_VERSION=v3.6.16.',
        },
      );
    }
    versions[match[1]!] = match[2]!;
  }
  return versions;
}

/** The pinned tool versions from `packages/sandbox/toolchain/versions.env`. */
export async function readToolVersions(): Promise<Record<string, string>> {
  return parseVersionsEnv(await readFile(`${toolchainDir}versions.env`, 'utf8'));
}

/** The `tool=<bindir>` lines build.sh prints on stdout, as a map. */
export function parseToolDirs(stdout: string): Partial<Record<SandboxTool, string>> {
  const dirs: Partial<Record<SandboxTool, string>> = {};
  for (const line of stdout.split('\n')) {
    const match = /^([a-z]+)=(.+)$/.exec(line.trim());
    if (match) dirs[match[1] as SandboxTool] = match[2]!;
  }
  return dirs;
}

/** Lines of build output kept to explain a failure. */
const keptLines = 40;
/** A build that prints nothing for this long gets a "still building" line, so it never looks hung. */
const heartbeatMs = 60_000;

/**
 * Builds (or finds in the cache) the given tools and returns each one's bin folder. The cache is
 * outside the clone (`$SIMIAN_CACHE_DIR`, `$XDG_CACHE_HOME/simian` or `~/.cache/simian`), keyed by
 * the pinned versions, so only the first run on a machine pays for the build.
 * @param tools the tools to make available. @default sandboxTools
 */
export async function ensureTools<T extends SandboxTool>(
  tools: readonly T[],
  log: ProgressLog = quiet,
): Promise<Record<T, string>> {
  const cache = toolCacheDir();
  await mkdir(cache, { recursive: true });
  // build.sh replaces a tool's folder while building it: two builds at once would collide.
  return withLock(
    join(cache, '.build.lock'),
    `the toolchain cache ${cache}`,
    () => runBuild(tools, log),
    log,
  );
}

async function runBuild<T extends SandboxTool>(
  tools: readonly T[],
  log: ProgressLog,
): Promise<Record<T, string>> {
  const child = spawn('bash', [`${toolchainDir}build.sh`, ...tools], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const tail: string[] = [];
  let lastLine = Date.now();
  const started = Date.now();
  // Go prints one "downloading" line per module: keep them for an error, show only our own lines.
  createInterface({ input: child.stderr }).on('line', (line) => {
    lastLine = Date.now();
    tail.push(line);
    if (tail.length > keptLines) tail.shift();
    if (line.startsWith('[simian toolchain]'))
      log(line.replace('[simian toolchain] ', 'toolchain: '));
  });
  const heartbeat = setInterval(() => {
    if (Date.now() - lastLine >= heartbeatMs) {
      log(`toolchain: still building (${Math.round((Date.now() - started) / 1000)}s so far)...`);
      lastLine = Date.now();
    }
  }, 5_000);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  }).finally(() => clearInterval(heartbeat));
  if (code !== 0) {
    throw new ActionFailedError(
      `building ${tools.join(', ')} failed (build.sh exited with ${code}):\n${tail.join('\n')}`,
      {
        hint:
          'The build needs go (>= 1.24), python3 with venv, and access to proxy.golang.org and PyPI. ' +
          `Run \`bash ${toolchainDir}build.sh ${tools.join(' ')}\` to see the whole output.`,
      },
    );
  }
  const dirs = parseToolDirs(stdout);
  for (const tool of tools) {
    if (!dirs[tool]) {
      throw new ActionFailedError(`build.sh did not report a folder for ${tool}`, {
        hint: `Its stdout was: ${stdout.trim() || '(empty)'}`,
      });
    }
  }
  return dirs as Record<T, string>;
}
