/**
 * The bounds every input is read within. One process reads one set of inputs, so the bounds are
 * the process's: the CLI raises the size limit from `--max-file-size`, tests set them per case.
 */
export interface InputLimits {
  /** The largest file (or stdin) read as text. */
  maxBytes: number;
  /** The deepest nesting of a parsed value (maps and lists inside each other). */
  maxDepth: number;
  /** YAML aliases a document may resolve (`yaml`'s maxAliasCount): a billion-laughs bomb is refused. */
  maxAliases: number;
}

/** 16 MiB: a simian.yaml, an experiment or a plan is kilobytes; a rendered chart a few MiB. */
export const DEFAULT_INPUT_LIMITS: Readonly<InputLimits> = {
  maxBytes: 16 * 1024 * 1024,
  maxDepth: 64,
  maxAliases: 100,
};

let current: InputLimits = { ...DEFAULT_INPUT_LIMITS };

/** The bounds in force. */
export function inputLimits(): Readonly<InputLimits> {
  return current;
}

/** Changes the bounds in force (the CLI's `--max-file-size`); returns the ones before. */
export function setInputLimits(limits: Partial<InputLimits>): InputLimits {
  const before = current;
  current = { ...current, ...limits };
  return before;
}

/** `16 MiB`, `512 KiB`, `12 bytes`: a size as people read it. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
