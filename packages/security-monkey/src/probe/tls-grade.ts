/**
 * A grade in the style of testssl.sh and SSL Labs: A+ to F from what the endpoint accepts, with
 * the caps that set it; T when the certificate is not trusted (expired, self-signed, unknown CA),
 * M when it does not name the host. The grade without the trust problem is kept too.
 */
export type Letter = 'A+' | 'A' | 'B' | 'C' | 'F';
export type Grade = Letter | 'T' | 'M';

/** One reason the grade is not better. */
export interface GradeCap {
  grade: Letter | 'T' | 'M';
  reason: string;
}

/** What the grade is computed from. */
export interface GradeInput {
  sslv3: boolean;
  legacyTls: string[];
  modernTls: boolean;
  weaknesses: string[];
  forwardSecret: boolean;
  trusted: boolean;
  hostnameMatches: boolean;
  /** HSTS max-age in seconds, when the header is there. */
  hstsMaxAge?: number;
}

/** Six months: the HSTS max-age that earns A+. */
export const HSTS_A_PLUS_SECONDS = 15_552_000;

const ORDER: Letter[] = ['A+', 'A', 'B', 'C', 'F'];

export function gradeTls(input: GradeInput): {
  grade: Grade;
  ignoringTrust: Letter;
  caps: GradeCap[];
} {
  const caps: GradeCap[] = [];
  if (input.sslv3) caps.push({ grade: 'F', reason: 'SSLv3 accepted' });
  for (const w of input.weaknesses) {
    const worst = w === 'null' || w === 'export' || w === 'anonymous';
    caps.push({ grade: worst ? 'F' : 'C', reason: `${w} cipher suites accepted` });
  }
  if (!input.modernTls) caps.push({ grade: 'C', reason: 'no TLS 1.2 or 1.3' });
  if (input.legacyTls.length > 0) {
    caps.push({ grade: 'B', reason: `${input.legacyTls.join(' and ')} accepted` });
  }
  if (!input.forwardSecret) caps.push({ grade: 'B', reason: 'no forward secrecy' });
  let letter: Letter = 'A';
  for (const cap of caps) {
    if (cap.grade !== 'T' && cap.grade !== 'M' && ORDER.indexOf(cap.grade) > ORDER.indexOf(letter))
      letter = cap.grade;
  }
  if (letter === 'A' && (input.hstsMaxAge ?? 0) >= HSTS_A_PLUS_SECONDS) letter = 'A+';
  if (!input.trusted) caps.push({ grade: 'T', reason: 'certificate not trusted' });
  if (!input.hostnameMatches)
    caps.push({ grade: 'M', reason: 'certificate does not name the host' });
  const grade: Grade = !input.trusted ? 'T' : !input.hostnameMatches ? 'M' : letter;
  return { grade, ignoringTrust: letter, caps };
}
