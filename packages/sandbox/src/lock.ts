import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { quiet, type ProgressLog } from './options.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock younger than this without a pid file is being taken right now, not abandoned. */
const creationGraceMs = 5_000;

/**
 * Runs `work` while holding a lock folder (creating a folder is atomic on every platform). Waits
 * while another live process holds it; takes over a lock whose holder has died. Used so that two
 * `up`s in one folder, or two builds of one tool, never run at the same time.
 */
export async function withLock<T>(
  lockDir: string,
  what: string,
  work: () => Promise<T>,
  log: ProgressLog = quiet,
): Promise<T> {
  let told = false;
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(await readFile(join(lockDir, 'pid'), 'utf8').catch(() => '0'));
    const age =
      Date.now() -
      (await stat(lockDir)
        .then((s) => s.mtimeMs)
        .catch(() => 0));
    if ((holder > 0 && !isAlive(holder)) || (holder === 0 && age > creationGraceMs)) {
      await rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!told) log(`waiting: ${what} is in use by process ${holder || '(starting)'}`);
    told = true;
    await sleep(500);
  }
  await writeFile(join(lockDir, 'pid'), String(process.pid));
  try {
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}
