/**
 * What a probe finding may quote of an answer: a short excerpt with every value that could be a
 * secret replaced. The probes read pages that are full of credentials (an exposed .env, an
 * actuator's env); the finding must prove what answered without repeating any of them.
 */

const SECRET_NAME =
  /(passw(or)?d|passwd|secret|token|bearer|api[-_.]?key|private[-_.]?key|access[-_.]?key|credential|auth|session|cookie|signature|salt)/i;

const TOKEN_SHAPES: RegExp[] = [
  /(A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}/g,
  /-----BEGIN[ A-Z]*PRIVATE KEY-----[\s\S]*?(-----END[ A-Z]*PRIVATE KEY-----|$)/g,
  /gh[pousr]_[A-Za-z0-9]{36}/g,
  /xox[baprs]-[A-Za-z0-9-]{10,}/g,
  /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  // Long random-looking runs: hashes, keys, tokens.
  /[A-Za-z0-9+/=_-]{32,}/g,
];

/** Replaces `user:password@` in URLs, values of secret-named keys, and token-shaped runs. */
export function redactSecrets(text: string): string {
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s:@"']+:[^/\s@"']+@/gi, '$1<redacted>@');
  // key=value, key: value and "key": "value" whose key says it is a secret.
  out = out.replace(
    /(["']?)([A-Za-z0-9_.-]+)\1(\s*[=:]\s*)(["']?)([^"'\s,}&]+)\4/g,
    (match, q: string, key: string, sep: string, vq: string) =>
      SECRET_NAME.test(key) ? `${q}${key}${q}${sep}${vq}<redacted>${vq}` : match,
  );
  for (const shape of TOKEN_SHAPES) out = out.replace(shape, '<redacted>');
  return out;
}

/** The first `max` characters of a body, printable and redacted, on one line. */
export function excerpt(body: Buffer | string, max = 160): string {
  const text = (typeof body === 'string' ? body : body.subarray(0, 4096).toString('utf8'))
    .replace(/[^\x20-\x7e\n\t]/g, '.')
    .replace(/\s+/g, ' ')
    .trim();
  const redacted = redactSecrets(text);
  return redacted.length > max ? `${redacted.slice(0, max)}...` : redacted;
}
