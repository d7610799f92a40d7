import { SimianError } from '@simian/core';

/** Compiling Rego needs the `opa` binary and none was found. */
export class OpaNotFoundError extends SimianError {
  constructor(what: string) {
    super('WIRING', `${what} needs the opa binary, but none was found`, {
      hint:
        'install opa (https://www.openpolicyagent.org/docs/#1-download-opa), or build it with ' +
        '`CGO_ENABLED=0 go install github.com/open-policy-agent/opa@v1.22.2`, or run ' +
        '`packages/sandbox/toolchain/build.sh opa` in a Simian checkout; then put it on PATH or set ' +
        'SIMIAN_OPA=/path/to/opa. Without opa, build the bundle elsewhere (`opa build -t wasm ' +
        '-e <package>/violations <dir>`) and point policy.bundles at the .tar.gz.',
    });
  }
}

/** `opa build` rejected the Rego (a syntax error, an unknown or non-wasm builtin, ...). */
export class PolicyBuildError extends SimianError {
  constructor(message: string, options: { cause?: unknown; hint?: string } = {}) {
    super('INPUT_INVALID', message, options);
  }
}

/** A bundle file is not a readable OPA wasm bundle, or its rule metadata is invalid. */
export class BundleError extends SimianError {
  constructor(message: string, options: { cause?: unknown; hint?: string } = {}) {
    super('INPUT_INVALID', message, options);
  }
}

/** The wasm policy failed while evaluating a batch (for example a rule produced conflicting values). */
export class PolicyEvaluationError extends SimianError {
  constructor(message: string, options: { cause?: unknown; hint?: string } = {}) {
    super('INPUT_INVALID', message, options);
  }
}

/** A manifest file could not be read or parsed; names the file and, where known, the line. */
export class ManifestError extends SimianError {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(
    file: string,
    message: string,
    position: { line?: number; column?: number } = {},
    options: { cause?: unknown; hint?: string } = {},
  ) {
    const where =
      position.line === undefined
        ? file
        : `${file}:${position.line}${position.column === undefined ? '' : `:${position.column}`}`;
    super('INPUT_INVALID', `${where}: ${message}`, options);
    this.file = file;
    this.line = position.line;
    this.column = position.column;
  }
}
