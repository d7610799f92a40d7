/**
 * A progress line for long work, on a terminal only: rewritten in place (at most every 100 ms, so
 * a fast loop costs nothing) and cleared when the work ends, so the command's own output and any
 * error line start on a clean line. Off a terminal (CI, a pipe, a log collector) it writes
 * nothing: the command's output and its JSON logs say what happened.
 */
export interface Progress {
  /** A count moving on: shown at most every 100 ms. */
  update(line: string): void;
  /** A new step of the work: shown at once. */
  step(line: string): void;
  /** Clears the line; call it in a `finally`, so an error is not printed after half a line. */
  done(): void;
}

/** What a progress line needs of its stream: `process.stderr` has it. */
export type ProgressStream = Pick<NodeJS.WriteStream, 'write'> & {
  isTTY?: boolean;
  columns?: number;
};

const EVERY_MS = 100;
const CLEAR = '\r\x1b[K';

export function terminalProgress(
  stream: ProgressStream = process.stderr,
  now: () => number = Date.now,
): Progress {
  if (!stream.isTTY) return { update: () => {}, step: () => {}, done: () => {} };
  let shown = false;
  let last = Number.NEGATIVE_INFINITY;
  const show = (line: string) => {
    last = now();
    // A terminal of unknown size (a pty nobody sized, as under `script`) says 0 columns.
    const columns = stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80;
    const width = Math.max(columns - 1, 10);
    stream.write(`${CLEAR}${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    shown = true;
  };
  return {
    update(line) {
      if (now() - last >= EVERY_MS) show(line);
    },
    step: show,
    done() {
      if (shown) stream.write(CLEAR);
      shown = false;
    },
  };
}
