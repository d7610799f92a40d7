import { gunzipSync } from 'node:zlib';
import { BundleError } from './errors.js';

const BLOCK = 512;

/**
 * Reads the regular files of a gzipped tar archive into memory, keyed by their path without a
 * leading `/` (opa writes `/policy.wasm`). Supports ustar prefixes, PAX `path` records and GNU long
 * names, which is all `opa build` and common tar tools produce; bundles are small, so reading
 * everything at once is fine.
 */
export function readTarGz(gz: Uint8Array, source = 'archive'): Map<string, Uint8Array> {
  let tar: Uint8Array;
  try {
    tar = new Uint8Array(gunzipSync(gz));
  } catch (cause) {
    throw new BundleError(`${source} is not a gzip file`, { cause });
  }
  const files = new Map<string, Uint8Array>();
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = parseOctal(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] ?? 0);
    const body = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    if (body.length < size) throw new BundleError(`${source}: truncated tar entry`);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;

    if (type === 'x') {
      longName = paxPath(body) ?? longName;
      continue;
    }
    if (type === 'L') {
      longName = cString(body);
      continue;
    }
    const name = longName ?? joinUstarName(header);
    longName = undefined;
    if (type === '0' || type === '\0') files.set(name.replace(/^\/+/, ''), body.slice());
  }
  return files;
}

function joinUstarName(header: Uint8Array): string {
  const name = cString(header.subarray(0, 100));
  const magic = cString(header.subarray(257, 263));
  const prefix = magic.startsWith('ustar') ? cString(header.subarray(345, 500)) : '';
  return prefix ? `${prefix}/${name}` : name;
}

function cString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end === -1 ? bytes : bytes.subarray(0, end));
}

function parseOctal(bytes: Uint8Array): number {
  const text = cString(bytes).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/** PAX records are `<length> <key>=<value>\n`. */
function paxPath(body: Uint8Array): string | undefined {
  for (const record of new TextDecoder().decode(body).split('\n')) {
    const match = /^\d+ path=(.*)$/.exec(record);
    if (match) return match[1];
  }
  return undefined;
}
