/** A sink for one line of human-readable progress (`simian sandbox up` prints them). */
export type ProgressLog = (line: string) => void;

/** Options every sandbox function takes. */
export interface SandboxOptions {
  /**
   * The project folder whose `.simian/sandbox/` holds the sandbox. Two folders give two
   * independent sandboxes.
   * @default process.cwd()
   */
  cwd?: string;
  /**
   * Receives progress lines.
   * @default a function that ignores them
   */
  log?: ProgressLog;
}

/** The log to use when the caller gave none. */
export const quiet: ProgressLog = () => {};
