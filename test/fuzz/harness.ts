// Runs fuzz cases through a long-lived CLI process (worker.ts), one at a time, each within a time
// bound: a case that outlives it is a hang, and the process is killed and started again.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

export interface CaseRequest {
  id: number;
  /** What follows `simian` on the command line. */
  args: string[];
  cwd: string;
  /** Added to (a string) or removed from (undefined) the environment for this case. */
  env: Record<string, string | undefined>;
}

export interface CaseReply {
  id: number;
  /** The exit code; -1 when the harness itself saw the CLI throw. */
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export type CaseResult = CaseReply | { id: number; hang: true; ms: number };

export class CliWorker {
  #child: ChildProcess | undefined;
  #ready: Promise<void> | undefined;
  #next = 1;
  #pending: ((reply: CaseReply) => void) | undefined;
  /** Replies with no case (an error after a case ended): each one a failure of the suite. */
  readonly strays: CaseReply[] = [];
  restarts = 0;

  #start(): Promise<void> {
    const child = fork(WORKER, [], {
      execArgv: ['--conditions=@simian/source', '--import', TSX],
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', SIMIAN_CONFIG: '' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.#child = child;
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.on('message', (reply: CaseReply) => {
        if (reply.id === 0) return resolve();
        if (this.#pending && reply.id > 0) {
          const done = this.#pending;
          this.#pending = undefined;
          done(reply);
        } else this.strays.push(reply);
      });
    });
  }

  /** Runs one case; a reply later than `timeoutMs` is a hang (and a restart). */
  async run(c: Omit<CaseRequest, 'id'>, timeoutMs: number): Promise<CaseResult> {
    this.#ready ??= this.#start();
    await this.#ready;
    const id = this.#next++;
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const answered = new Promise<CaseReply>((resolve) => (this.#pending = resolve));
    this.#child!.send({ ...c, id } satisfies CaseRequest);
    const reply = await Promise.race([
      answered,
      new Promise<undefined>(
        (resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)),
      ),
    ]);
    clearTimeout(timer);
    if (reply) return reply;
    this.#pending = undefined;
    this.restarts++;
    this.#child?.kill('SIGKILL');
    this.#ready = undefined;
    return { id, hang: true, ms: performance.now() - started };
  }

  close(): void {
    this.#child?.kill('SIGKILL');
    this.#child = undefined;
    this.#ready = undefined;
  }
}
