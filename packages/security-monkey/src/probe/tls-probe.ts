import {
  cipherSuite,
  forwardSecretName,
  LEGACY_PROTOCOL_SUITES,
  WEAK_SUITES,
} from './cipher-suites.js';
import { offerHello, WIRE_VERSIONS, type HelloAnswer, type HelloVersion } from './client-hello.js';
import { httpGet } from './http-get.js';
import type { ProbeLimits } from './limits.js';
import { probeFinding, type ProbeFinding } from './probe-finding.js';
import type { ProbeTarget } from './target.js';
import { gradeTls, type GradeCap, type Grade, type Letter } from './tls-grade.js';
import { handshake, type Handshake } from './tls-handshake.js';

/** How the TLS probe judges certificates and where it waits. */
export interface TlsProbeSettings {
  timeoutMs: number;
  /** A certificate expiring within this many days is a high finding. @default 30 */
  expiryHighDays: number;
  /** Within this many days, a medium one. @default 60 */
  expiryWarnDays: number;
  extraCa?: string[];
}

/** Everything the TLS probe learned about one endpoint. */
export interface TlsReport {
  handshake?: Handshake;
  /** Which protocols the server accepted (`TLSv1.3` from the handshake, the rest from hellos). */
  protocols: Record<string, boolean>;
  /** Weak suites the server chose when offered only those. */
  weakCiphers: string[];
  /** The Strict-Transport-Security header, when one came back. */
  hsts?: string;
  grade: Grade;
  gradeIgnoringTrust: Letter;
  caps: GradeCap[];
}

const DAY = 86_400_000;

/**
 * Probes one HTTPS endpoint: a full handshake (certificate, protocol, cipher, key exchange), a
 * ClientHello for each legacy protocol and one offering only weak suites (each closed after the
 * server's first answer), and a GET / for the HSTS header. Returns the report and its findings;
 * undefined when nothing speaks TLS there.
 */
export async function probeTls(
  target: ProbeTarget,
  address: string,
  limits: ProbeLimits,
  settings: TlsProbeSettings,
  now: Date,
  signal?: AbortSignal,
): Promise<{ report: TlsReport; findings: ProbeFinding[] } | undefined> {
  const endpoint = `${address}:${target.port}`;
  const servername = target.host;
  const hello = (version: HelloVersion, ciphers: readonly number[]) =>
    limits.run(endpoint, () =>
      offerHello({
        address,
        port: target.port,
        servername,
        version,
        ciphers,
        timeoutMs: settings.timeoutMs,
        ...(signal ? { signal } : {}),
      }),
    );
  const accepted = (answer: HelloAnswer, version: HelloVersion) =>
    answer.accepted && answer.version === WIRE_VERSIONS[version];

  const modern = await limits
    .run(endpoint, () =>
      handshake({
        address,
        port: target.port,
        host: target.host,
        timeoutMs: settings.timeoutMs,
        ...(settings.extraCa ? { extraCa: settings.extraCa } : {}),
        ...(signal ? { signal } : {}),
      }),
    )
    .catch(() => undefined);
  const legacyCodes = LEGACY_PROTOCOL_SUITES.map((s) => s.code);
  const [sslv3, tls10, tls11, weak] = await Promise.all([
    hello('SSLv3', legacyCodes),
    hello('TLSv1.0', legacyCodes),
    hello('TLSv1.1', legacyCodes),
    hello(
      'TLSv1.2',
      WEAK_SUITES.map((s) => s.code),
    ),
  ]);
  const protocols: Record<string, boolean> = {
    SSLv3: accepted(sslv3, 'SSLv3'),
    'TLSv1.0': accepted(tls10, 'TLSv1.0'),
    'TLSv1.1': accepted(tls11, 'TLSv1.1'),
    'TLSv1.2': modern?.protocol === 'TLSv1.2' || accepted(weak, 'TLSv1.2'),
    'TLSv1.3': modern?.protocol === 'TLSv1.3',
  };
  // Only legacy protocols: the certificate comes from a handshake that allows them.
  const shaken =
    modern ??
    (protocols['TLSv1.0'] || protocols['TLSv1.1']
      ? await limits
          .run(endpoint, () =>
            handshake({
              address,
              port: target.port,
              host: target.host,
              timeoutMs: settings.timeoutMs,
              legacy: true,
              ...(settings.extraCa ? { extraCa: settings.extraCa } : {}),
            }),
          )
          .catch(() => undefined)
      : undefined);
  if (!shaken && !Object.values(protocols).some(Boolean)) return undefined;

  const weakSuite = weak.accepted ? cipherSuite(weak.cipher) : undefined;
  const weakCiphers = weakSuite?.weakness ? [weakSuite.name] : [];
  const hsts = await limits
    .run(endpoint, () =>
      httpGet({
        address,
        port: target.port,
        tls: true,
        host: target.host,
        path: '/',
        timeoutMs: settings.timeoutMs,
        maxBytes: 1024,
        legacyTls: !modern,
        ...(signal ? { signal } : {}),
      }),
    )
    .then((a) => a.headers['strict-transport-security'])
    .catch(() => undefined);
  const hstsHeader = Array.isArray(hsts) ? hsts[0] : hsts;
  const hstsMaxAge = Number(/max-age\s*=\s*"?(\d+)/i.exec(hstsHeader ?? '')?.[1] ?? 0);

  const leaf = shaken?.chain[0];
  const expired = leaf ? new Date(leaf.validTo).getTime() < now.getTime() : false;
  const trustError =
    shaken?.trustError && !(expired && shaken.trustError === 'CERT_HAS_EXPIRED')
      ? shaken.trustError
      : undefined;
  const legacyTls = (['TLSv1.0', 'TLSv1.1'] as const).filter((v) => protocols[v]);
  const graded = gradeTls({
    sslv3: protocols['SSLv3'] ?? false,
    legacyTls,
    modernTls: Boolean(protocols['TLSv1.2'] || protocols['TLSv1.3']),
    weaknesses: weakSuite?.weakness ? [weakSuite.weakness] : [],
    forwardSecret: shaken ? forwardSecretName(shaken.cipher) : false,
    trusted: !trustError && !expired,
    hostnameMatches: !shaken?.hostnameError,
    ...(hstsHeader ? { hstsMaxAge } : {}),
  });
  const report: TlsReport = {
    ...(shaken ? { handshake: shaken } : {}),
    protocols,
    weakCiphers,
    ...(hstsHeader ? { hsts: hstsHeader } : {}),
    grade: graded.grade,
    gradeIgnoringTrust: graded.ignoringTrust,
    caps: graded.caps,
  };

  const findings: ProbeFinding[] = [];
  const add = (rule: Parameters<typeof probeFinding>[0], message: string, evidence = {}) =>
    findings.push(
      probeFinding(rule, target, address, message, {
        grade: report.grade,
        ...evidence,
      }),
    );
  if (leaf) {
    const days = Math.floor((new Date(leaf.validTo).getTime() - now.getTime()) / DAY);
    const cert = { subject: leaf.subject, issuer: leaf.issuer, validTo: leaf.validTo };
    if (expired)
      add('SEC-TLS-001', `the certificate expired on ${leaf.validTo}`, { certificate: cert });
    else if (days <= settings.expiryHighDays)
      add('SEC-TLS-002', `the certificate expires in ${days} days (${leaf.validTo})`, {
        certificate: cert,
        daysLeft: days,
      });
    else if (days <= settings.expiryWarnDays)
      add('SEC-TLS-003', `the certificate expires in ${days} days (${leaf.validTo})`, {
        certificate: cert,
        daysLeft: days,
      });
    if (trustError) {
      const why = leaf.selfSigned
        ? 'it is self-signed'
        : `the chain does not verify (${trustError})`;
      add('SEC-TLS-004', `the certificate is not trusted: ${why}`, {
        certificate: cert,
        verifyError: trustError,
      });
    }
    if (shaken?.hostnameError)
      add(
        'SEC-TLS-005',
        `the certificate does not name ${target.host} (it names ${leaf.names.join(', ') || leaf.subject})`,
        { certificate: cert, names: leaf.names },
      );
  }
  if (protocols['SSLv3']) add('SEC-TLS-006', 'the server accepts SSLv3', { protocols });
  if (legacyTls.length > 0)
    add('SEC-TLS-007', `the server accepts ${legacyTls.join(' and ')}`, { protocols });
  if (!protocols['TLSv1.2'] && !protocols['TLSv1.3'])
    add('SEC-TLS-008', 'the server speaks neither TLS 1.2 nor TLS 1.3', { protocols });
  if (weakCiphers.length > 0 && weakSuite)
    add('SEC-TLS-009', `the server accepts ${weakSuite.name} (${weakSuite.weakness})`, {
      cipher: weakSuite.name,
      weakness: weakSuite.weakness,
    });
  if (shaken && !forwardSecretName(shaken.cipher))
    add(
      'SEC-TLS-010',
      `offered ECDHE suites, the server chose ${shaken.cipher} (static RSA key exchange)`,
      { cipher: shaken.cipher },
    );
  if (!hstsHeader || hstsMaxAge === 0)
    add(
      'SEC-TLS-011',
      hstsHeader
        ? `HSTS has max-age 0 (${hstsHeader})`
        : 'the HTTPS answer has no Strict-Transport-Security header',
      { header: hstsHeader ?? null },
    );
  return { report, findings };
}
