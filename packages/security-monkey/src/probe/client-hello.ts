import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** Protocol versions as they appear on the wire. */
export const WIRE_VERSIONS = {
  SSLv3: 0x0300,
  'TLSv1.0': 0x0301,
  'TLSv1.1': 0x0302,
  'TLSv1.2': 0x0303,
} as const;
/** A protocol a hello can offer. */
export type HelloVersion = keyof typeof WIRE_VERSIONS;

/** What the server answered to one ClientHello. */
export type HelloAnswer =
  { accepted: true; version: number; cipher: number } | { accepted: false; reason: string };

/** Where to send a hello, and what to offer. */
export interface HelloOptions {
  address: string;
  port: number;
  /** Sent as SNI (never an IP address: RFC 6066). */
  servername?: string;
  version: HelloVersion;
  /** Cipher suite codes, in preference order. */
  ciphers: readonly number[];
  timeoutMs: number;
  signal?: AbortSignal;
}

const u8 = (n: number) => Buffer.from([n & 0xff]);
const u16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const u24 = (n: number) => Buffer.from([(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
const vector16 = (body: Buffer) => Buffer.concat([u16(body.length), body]);
const extension = (type: number, body: Buffer) => Buffer.concat([u16(type), vector16(body)]);

/**
 * A ClientHello of `version` offering exactly `ciphers`, written byte by byte: the local TLS
 * library cannot offer SSLv3 or the broken suites any more, and a probe has to, to learn whether
 * the server still accepts them. Nothing beyond the hello is ever sent.
 */
export function clientHello(
  version: HelloVersion,
  ciphers: readonly number[],
  servername?: string,
): Buffer {
  const wire = WIRE_VERSIONS[version];
  const extensions: Buffer[] = [];
  if (wire >= WIRE_VERSIONS['TLSv1.0']) {
    if (servername) {
      const name = Buffer.from(servername, 'ascii');
      extensions.push(extension(0x0000, vector16(Buffer.concat([u8(0), vector16(name)]))));
    }
    // supported_groups: x25519, secp256r1, secp384r1, secp521r1; uncompressed points.
    extensions.push(extension(0x000a, vector16(Buffer.from([0, 0x1d, 0, 0x17, 0, 0x18, 0, 0x19]))));
    extensions.push(extension(0x000b, Buffer.from([1, 0])));
    if (wire === WIRE_VERSIONS['TLSv1.2']) {
      const algorithms = [
        0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0203, 0x0201,
      ];
      extensions.push(extension(0x000d, vector16(Buffer.concat(algorithms.map(u16)))));
    }
    // renegotiation_info, empty: some servers refuse a hello without it.
    extensions.push(extension(0xff01, Buffer.from([0])));
  }
  const body = Buffer.concat([
    u16(wire),
    randomBytes(32),
    u8(0),
    vector16(Buffer.concat(ciphers.map(u16))),
    Buffer.from([1, 0]),
    ...(extensions.length > 0 ? [vector16(Buffer.concat(extensions))] : []),
  ]);
  const handshake = Buffer.concat([u8(1), u24(body.length), body]);
  const recordVersion = wire === WIRE_VERSIONS.SSLv3 ? wire : WIRE_VERSIONS['TLSv1.0'];
  return Buffer.concat([u8(0x16), u16(recordVersion), u16(handshake.length), handshake]);
}

/**
 * What the first record of a server's answer says: a ServerHello (the version and suite it
 * chose), an alert, or not enough bytes yet (undefined).
 */
export function readServerAnswer(data: Buffer): HelloAnswer | undefined {
  if (data.length < 5) return undefined;
  const type = data[0]!;
  const length = data.readUInt16BE(3);
  if (type === 0x15) {
    if (data.length < 7) return undefined;
    return { accepted: false, reason: `alert ${alertName(data[6]!)}` };
  }
  if (type !== 0x16) return { accepted: false, reason: `not a TLS answer (record type ${type})` };
  if (data.length < 5 + Math.min(length, 44)) return undefined;
  const body = data.subarray(5);
  if (body[0] !== 2) return { accepted: false, reason: `handshake message ${body[0]} first` };
  const version = body.readUInt16BE(4);
  const sessionLength = body[38]!;
  if (body.length < 39 + sessionLength + 2) return undefined;
  const cipher = body.readUInt16BE(39 + sessionLength);
  return { accepted: true, version, cipher };
}

const ALERTS: Record<number, string> = {
  10: 'unexpected_message',
  40: 'handshake_failure',
  47: 'illegal_parameter',
  50: 'decode_error',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  86: 'inappropriate_fallback',
  112: 'unrecognized_name',
};

function alertName(code: number): string {
  return ALERTS[code] ?? String(code);
}

/**
 * Sends one ClientHello and reads the server's first answer, then closes the connection without
 * finishing the handshake. A refusal (alert, closed connection, silence) is an answer too.
 */
export function offerHello(options: HelloOptions): Promise<HelloAnswer> {
  return new Promise((resolve) => {
    let settled = false;
    let received = Buffer.alloc(0);
    const socket: Socket = connect({ host: options.address, port: options.port });
    const finish = (answer: HelloAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(answer);
    };
    const onAbort = () => finish({ accepted: false, reason: 'stopped' });
    const timer = setTimeout(
      () => finish({ accepted: false, reason: `no answer within ${options.timeoutMs} ms` }),
      options.timeoutMs,
    );
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('connect', () =>
      socket.write(clientHello(options.version, options.ciphers, options.servername)),
    );
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const answer = readServerAnswer(received);
      if (answer) finish(answer);
    });
    socket.on('error', (error) => finish({ accepted: false, reason: error.message }));
    socket.on('close', () => finish({ accepted: false, reason: 'connection closed' }));
  });
}
