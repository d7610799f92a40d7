import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import {
  checkServerIdentity,
  connect,
  createSecureContext,
  rootCertificates,
  type PeerCertificate,
  type SecureContext,
} from 'node:tls';

/** One certificate of the chain the server sent, leaf first. */
export interface ChainCertificate {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** DNS and IP names (subjectAltName). */
  names: string[];
  selfSigned: boolean;
  fingerprint256: string;
}

/** What one full handshake with default, modern settings showed. */
export interface Handshake {
  protocol: string;
  cipher: string;
  /** Key exchange: `ECDH X25519 253`, `DH 2048`; absent for static RSA. */
  keyExchange?: string;
  chain: ChainCertificate[];
  /** Why the chain does not verify against the trusted CAs (OpenSSL's code); absent when it does. */
  trustError?: string;
  /** Why the certificate does not name the host; absent when it does. */
  hostnameError?: string;
}

/** Where and how to shake hands. */
export interface HandshakeOptions {
  address: string;
  port: number;
  /** The name the client asked for: SNI, and the name the certificate must carry. */
  host: string;
  timeoutMs: number;
  /** CAs trusted besides the system's (an internal PKI), PEM. */
  extraCa?: string[];
  /**
   * Allow TLS 1.0 and 1.1 and every suite OpenSSL still has, for a server that speaks nothing
   * newer: only to read its certificate.
   */
  legacy?: boolean;
  signal?: AbortSignal;
}

function describe(cert: PeerCertificate | X509Certificate): string {
  if (cert instanceof X509Certificate) return cert.subject.replaceAll('\n', ', ');
  const s = cert.subject as unknown as Record<string, string | string[]> | undefined;
  if (!s) return '';
  return Object.entries(s)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ');
}

function chainOf(
  leaf: PeerCertificate & { issuerCertificate?: PeerCertificate },
): ChainCertificate[] {
  const chain: ChainCertificate[] = [];
  const seen = new Set<string>();
  let cert: (PeerCertificate & { issuerCertificate?: PeerCertificate }) | undefined = leaf;
  while (cert && cert.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    const x509 = new X509Certificate(cert.raw);
    chain.push({
      subject: describe(x509),
      issuer: x509.issuer.replaceAll('\n', ', '),
      validFrom: new Date(x509.validFrom).toISOString(),
      validTo: new Date(x509.validTo).toISOString(),
      names: (x509.subjectAltName ?? '').split(', ').filter((n) => n !== ''),
      // Not checkIssued: it wants keyCertSign, which a self-signed server certificate lacks. The
      // signature is checked only when the names say so (it costs a verification).
      selfSigned: x509.subject === x509.issuer && x509.verify(x509.publicKey),
      fingerprint256: x509.fingerprint256,
    });
    cert = cert.issuerCertificate;
  }
  return chain;
}

const contexts = new Map<string, SecureContext>();

/**
 * The client context for a set of trusted CAs, made once: building one parses the whole system
 * store, which costs more than the handshake itself.
 */
function secureContextFor(extraCa: readonly string[], legacy: boolean): SecureContext {
  const key = `${legacy ? 'legacy' : 'modern'}\0${extraCa.join('\0')}`;
  let context = contexts.get(key);
  if (!context) {
    context = createSecureContext({
      ca: [...rootCertificates, ...extraCa],
      ...(legacy ? { minVersion: 'TLSv1' as const, ciphers: 'ALL:@SECLEVEL=0' } : {}),
    });
    contexts.set(key, context);
  }
  return context;
}

/**
 * One TLS handshake with Node's defaults (TLS 1.2 and 1.3, modern suites), the chain verified
 * against the system CAs (and `extraCa`) but not enforced, so a bad certificate is reported, not
 * refused. The connection closes right after the handshake.
 */
export function handshake(options: HandshakeOptions): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: options.address,
      port: options.port,
      rejectUnauthorized: false,
      ...(isIP(options.host) ? {} : { servername: options.host }),
      secureContext: secureContextFor(options.extraCa ?? [], options.legacy ?? false),
      ...(options.legacy ? { minVersion: 'TLSv1' as const } : {}),
      // The name is checked below, apart from the chain, so both are reported.
      checkServerIdentity: () => undefined,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no TLS handshake within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    const onAbort = () => socket.destroy(new Error('stopped'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      const peer = socket.getPeerCertificate(true);
      const ephemeral = socket.getEphemeralKeyInfo();
      const cipher = socket.getCipher();
      const hostnameError =
        peer && peer.raw ? checkServerIdentity(options.host, peer)?.message : 'no certificate';
      const result: Handshake = {
        protocol: socket.getProtocol() ?? 'unknown',
        cipher:
          cipher.standardName && cipher.version === 'TLSv1.3' ? cipher.standardName : cipher.name,
        chain: peer && peer.raw ? chainOf(peer) : [],
        ...(ephemeral && 'type' in ephemeral && ephemeral.type
          ? {
              keyExchange: [ephemeral.type, (ephemeral as { name?: string }).name, ephemeral.size]
                .filter((p) => p !== undefined)
                .join(' '),
            }
          : {}),
        ...(socket.authorizationError ? { trustError: String(socket.authorizationError) } : {}),
        ...(hostnameError ? { hostnameError } : {}),
      };
      socket.destroy();
      resolve(result);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
  });
}
