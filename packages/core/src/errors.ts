/**
 * The error family. Every error Simian raises on purpose is a `SimianError` with a stable `code`
 * that scripts can match and a `hint` that tells a person what to do next.
 */
export type SimianErrorCode =
  | 'CONFIG_INVALID'
  | 'CONFIG_NOT_FOUND'
  | 'TARGET_UNREACHABLE'
  | 'TARGET_FORBIDDEN'
  | 'TARGET_ERROR'
  | 'ACTION_FAILED'
  | 'INTERRUPTED'
  | 'PLAN_REJECTED'
  | 'WIRING'
  | 'STORE'
  | 'INPUT_INVALID';

export interface SimianErrorOptions {
  hint?: string;
  cause?: unknown;
}

export class SimianError extends Error {
  readonly code: SimianErrorCode;
  readonly hint: string | undefined;

  constructor(code: SimianErrorCode, message: string, options: SimianErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
  }

  /** The message and hint as a person should read them. */
  describe(): string {
    return this.hint ? `${this.message}\n  hint: ${this.hint}` : this.message;
  }
}

/** Where in a config file a problem sits. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** One problem in a config file, with its path (`monkeys.chaos.schedule.cron`) and position. */
export interface ConfigIssue {
  path: string;
  message: string;
  position?: SourcePosition;
}

export class ConfigError extends SimianError {
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[], options: SimianErrorOptions = {}) {
    super('CONFIG_INVALID', issues.map(formatConfigIssue).join('\n'), options);
    this.issues = issues;
  }
}

export function formatConfigIssue(issue: ConfigIssue): string {
  const where = issue.position
    ? ` (${issue.position.file}:${issue.position.line}:${issue.position.column})`
    : '';
  return `${issue.path || '<root>'}: ${issue.message}${where}`;
}

/** A target (cluster, account, endpoint) could not be read or refused us. Names the resource. */
export class TargetError extends SimianError {
  constructor(
    message: string,
    options: SimianErrorOptions & {
      code?: 'TARGET_UNREACHABLE' | 'TARGET_FORBIDDEN' | 'TARGET_ERROR';
    } = {},
  ) {
    super(options.code ?? 'TARGET_ERROR', message, options);
  }
}

export class ActionFailedError extends SimianError {
  constructor(message: string, options: SimianErrorOptions = {}) {
    super('ACTION_FAILED', message, options);
  }
}

export class InterruptedError extends SimianError {
  constructor(message = 'interrupted', options: SimianErrorOptions = {}) {
    super('INTERRUPTED', message, options);
  }
}

export function isSimianError(e: unknown): e is SimianError {
  return e instanceof SimianError;
}
