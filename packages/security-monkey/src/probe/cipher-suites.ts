/**
 * The TLS cipher suites the probes offer, by IANA code, with what makes each weak (if anything)
 * and whether its key exchange gives forward secrecy. Written out here rather than taken from
 * the local OpenSSL, which no longer carries the weak ones: a probe must be able to offer a suite
 * the client itself would never use, to learn whether the server accepts it.
 */

/** Why a suite is weak: no encryption, export grade, no authentication, RC4, or a 64-bit block. */
export type Weakness = 'null' | 'export' | 'anonymous' | 'rc4' | 'des' | '3des';

export interface CipherSuite {
  code: number;
  /** OpenSSL's name. */
  name: string;
  /** ECDHE or DHE key exchange: a stolen server key does not decrypt recorded traffic. */
  forwardSecret: boolean;
  weakness?: Weakness;
}

const suite = (code: number, name: string, forwardSecret: boolean, weakness?: Weakness) => ({
  code,
  name,
  forwardSecret,
  ...(weakness ? { weakness } : {}),
});

/** Modern suites with forward secrecy (TLS 1.2 and earlier). */
export const FORWARD_SECRET_SUITES: readonly CipherSuite[] = [
  suite(0xc02b, 'ECDHE-ECDSA-AES128-GCM-SHA256', true),
  suite(0xc02f, 'ECDHE-RSA-AES128-GCM-SHA256', true),
  suite(0xc02c, 'ECDHE-ECDSA-AES256-GCM-SHA384', true),
  suite(0xc030, 'ECDHE-RSA-AES256-GCM-SHA384', true),
  suite(0xcca9, 'ECDHE-ECDSA-CHACHA20-POLY1305', true),
  suite(0xcca8, 'ECDHE-RSA-CHACHA20-POLY1305', true),
  suite(0xc023, 'ECDHE-ECDSA-AES128-SHA256', true),
  suite(0xc027, 'ECDHE-RSA-AES128-SHA256', true),
  suite(0xc024, 'ECDHE-ECDSA-AES256-SHA384', true),
  suite(0xc028, 'ECDHE-RSA-AES256-SHA384', true),
  suite(0xc009, 'ECDHE-ECDSA-AES128-SHA', true),
  suite(0xc013, 'ECDHE-RSA-AES128-SHA', true),
  suite(0xc00a, 'ECDHE-ECDSA-AES256-SHA', true),
  suite(0xc014, 'ECDHE-RSA-AES256-SHA', true),
  suite(0x009e, 'DHE-RSA-AES128-GCM-SHA256', true),
  suite(0x009f, 'DHE-RSA-AES256-GCM-SHA384', true),
  suite(0x0067, 'DHE-RSA-AES128-SHA256', true),
  suite(0x006b, 'DHE-RSA-AES256-SHA256', true),
  suite(0x0033, 'DHE-RSA-AES128-SHA', true),
  suite(0x0039, 'DHE-RSA-AES256-SHA', true),
];

/** Strong ciphers over RSA key exchange: no forward secrecy. */
export const STATIC_RSA_SUITES: readonly CipherSuite[] = [
  suite(0x009c, 'AES128-GCM-SHA256', false),
  suite(0x009d, 'AES256-GCM-SHA384', false),
  suite(0x003c, 'AES128-SHA256', false),
  suite(0x003d, 'AES256-SHA256', false),
  suite(0x002f, 'AES128-SHA', false),
  suite(0x0035, 'AES256-SHA', false),
];

/** Suites no server should accept any more. */
export const WEAK_SUITES: readonly CipherSuite[] = [
  suite(0x0001, 'NULL-MD5', false, 'null'),
  suite(0x0002, 'NULL-SHA', false, 'null'),
  suite(0x003b, 'NULL-SHA256', false, 'null'),
  suite(0xc006, 'ECDHE-ECDSA-NULL-SHA', true, 'null'),
  suite(0xc010, 'ECDHE-RSA-NULL-SHA', true, 'null'),
  suite(0xc015, 'AECDH-NULL-SHA', true, 'null'),
  suite(0x0003, 'EXP-RC4-MD5', false, 'export'),
  suite(0x0006, 'EXP-RC2-CBC-MD5', false, 'export'),
  suite(0x0008, 'EXP-DES-CBC-SHA', false, 'export'),
  suite(0x0014, 'EXP-EDH-RSA-DES-CBC-SHA', true, 'export'),
  suite(0x0018, 'ADH-RC4-MD5', true, 'anonymous'),
  suite(0x001b, 'ADH-DES-CBC3-SHA', true, 'anonymous'),
  suite(0x0034, 'ADH-AES128-SHA', true, 'anonymous'),
  suite(0x003a, 'ADH-AES256-SHA', true, 'anonymous'),
  suite(0x006c, 'ADH-AES128-SHA256', true, 'anonymous'),
  suite(0x00a6, 'ADH-AES128-GCM-SHA256', true, 'anonymous'),
  suite(0xc018, 'AECDH-AES128-SHA', true, 'anonymous'),
  suite(0xc019, 'AECDH-AES256-SHA', true, 'anonymous'),
  suite(0x0004, 'RC4-MD5', false, 'rc4'),
  suite(0x0005, 'RC4-SHA', false, 'rc4'),
  suite(0xc007, 'ECDHE-ECDSA-RC4-SHA', true, 'rc4'),
  suite(0xc011, 'ECDHE-RSA-RC4-SHA', true, 'rc4'),
  suite(0x0009, 'DES-CBC-SHA', false, 'des'),
  suite(0x0015, 'EDH-RSA-DES-CBC-SHA', true, 'des'),
  suite(0x000a, 'DES-CBC3-SHA', false, '3des'),
  suite(0x0016, 'EDH-RSA-DES-CBC3-SHA', true, '3des'),
  suite(0xc008, 'ECDHE-ECDSA-DES-CBC3-SHA', true, '3des'),
  suite(0xc012, 'ECDHE-RSA-DES-CBC3-SHA', true, '3des'),
];

/** What a TLS 1.0 or 1.1 server of the last twenty years accepts: to learn whether it answers. */
export const LEGACY_PROTOCOL_SUITES: readonly CipherSuite[] = [
  ...FORWARD_SECRET_SUITES.filter((s) => !/GCM|CHACHA|SHA256|SHA384/.test(s.name)),
  ...STATIC_RSA_SUITES.filter((s) => !/GCM|SHA256|SHA384/.test(s.name)),
  ...WEAK_SUITES.filter((s) => s.weakness === '3des' || s.weakness === 'rc4'),
];

const byCode = new Map(
  [...FORWARD_SECRET_SUITES, ...STATIC_RSA_SUITES, ...WEAK_SUITES].map((s) => [s.code, s]),
);

/** A suite by code; undefined for one the probes never offer. */
export const cipherSuite = (code: number): CipherSuite | undefined => byCode.get(code);

/**
 * Whether the cipher Node negotiated (by its OpenSSL name, or a TLS 1.3 name) has forward
 * secrecy: every TLS 1.3 suite has, and in TLS 1.2 the ECDHE and DHE ones do.
 */
export function forwardSecretName(name: string): boolean {
  return name.startsWith('TLS_') || /^(ECDHE|DHE|EDH)-/.test(name);
}
