import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { SimianError, type SimianErrorCode } from '../errors.js';
import { formatBytes, inputLimits } from './limits.js';

/** What is being read, for the messages: `config file`, `plan file`, `manifest`. */
export interface ReadInputOptions {
  what: string;
  /** @default 'INPUT_INVALID' */
  code?: SimianErrorCode;
  /** What to do about it, added to every error. */
  hint?: string;
  /** @default inputLimits().maxBytes */
  maxBytes?: number;
}

/**
 * Reads a regular file as UTF-8 text, within the size limit. A FIFO, a device, a socket or a
 * directory is refused by name before it is opened (opening a FIFO waits for a writer; reading
 * /dev/zero never ends), and a path that cannot be read says which and why, in one line.
 */
export function readInputFile(path: string, options: ReadInputOptions): string {
  const fail = (why: string, cause?: unknown) =>
    new SimianError(options.code ?? 'INPUT_INVALID', `${options.what} ${path}: ${why}`, {
      ...(options.hint ? { hint: options.hint } : {}),
      ...(cause !== undefined ? { cause } : {}),
    });
  const max = options.maxBytes ?? inputLimits().maxBytes;
  let info: Stats;
  try {
    info = statSync(path);
  } catch (e) {
    throw fail(whyUnreadable(e), e);
  }
  checkRegular(info, max, fail);
  let fd: number;
  try {
    // O_NONBLOCK: should the path have become a FIFO since the stat, the open does not wait.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw fail(whyUnreadable(e), e);
  }
  try {
    checkRegular(fstatSync(fd), max, fail);
    const buffer = Buffer.alloc(Math.min(max + 1, Math.max(info.size, 0) + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) break;
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > max) throw tooLarge(length, max, fail);
    return buffer.subarray(0, length).toString('utf8');
  } catch (e) {
    if (e instanceof SimianError) throw e;
    throw fail(whyUnreadable(e), e);
  } finally {
    closeSync(fd);
  }
}

/** Reads a stream (stdin) to its end as UTF-8 text, refusing it once it passes the size limit. */
export async function readInputStream(
  stream: AsyncIterable<string | Uint8Array>,
  options: ReadInputOptions,
): Promise<string> {
  const max = options.maxBytes ?? inputLimits().maxBytes;
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    length += bytes.length;
    if (length > max) {
      throw new SimianError(
        options.code ?? 'INPUT_INVALID',
        `${options.what}: more than ${formatBytes(max)}, the limit`,
        { hint: 'raise it with --max-file-size MIB if the input is meant to be this large' },
      );
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function checkRegular(info: Stats, max: number, fail: (why: string) => SimianError): void {
  if (info.isDirectory()) throw fail('is a directory, not a file');
  if (info.isFIFO()) throw fail('is a named pipe (FIFO); only regular files are read');
  if (info.isCharacterDevice() || info.isBlockDevice())
    throw fail('is a device; only regular files are read');
  if (info.isSocket()) throw fail('is a socket; only regular files are read');
  if (!info.isFile()) throw fail('is not a regular file');
  if (info.size > max) throw tooLarge(info.size, max, fail);
}

function tooLarge(size: number, max: number, fail: (why: string) => SimianError): SimianError {
  const error = fail(`is ${formatBytes(size)}, more than the limit of ${formatBytes(max)}`);
  return new SimianError(error.code, error.message, {
    hint: 'raise the limit with --max-file-size MIB if the file is meant to be this large',
  });
}

/** The reason a path cannot be read, in words (the errno names it for those who know them). */
export function whyUnreadable(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code}): this user may not read it`;
    case 'ENOTDIR':
      return 'a part of the path is a file, not a directory';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ELOOP':
      return 'too many symbolic links (a loop?)';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'EAGAIN':
      return 'is not ready to be read (a pipe or device?); only regular files are read';
    default:
      return `cannot be read: ${(e as Error)?.message ?? String(e)}`;
  }
}
