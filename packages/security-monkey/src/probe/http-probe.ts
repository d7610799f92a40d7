import { CONTROL_PLANE_FINGERPRINTS, EXPOSURE_CHECKS } from './exposure-catalogue.js';
import { httpGet, type GetAnswer } from './http-get.js';
import type { ProbeLimits } from './limits.js';
import { probeFinding, type ProbeFinding } from './probe-finding.js';
import { excerpt } from './redact.js';
import type { ProbeTarget } from './target.js';

/** How long to wait, and how much of a body to read. */
export interface HttpProbeSettings {
  timeoutMs: number;
  maxBodyBytes: number;
  /** Speak TLS (an https:// target, or an auto one that answered a handshake). */
  tls: boolean;
  /** The server speaks only TLS 1.0/1.1: allow them for the requests. */
  legacyTls?: boolean;
}

/** What one path answered: a status, or why there was none. */
export interface PathAnswer {
  path: string;
  status: number | string;
}

/** What the HTTP probe learned about one endpoint. */
export interface HttpReport {
  answers: PathAnswer[];
  /** Whether anything answered HTTP at all. */
  reachable: boolean;
  /** What the endpoint is, when its /version says so. */
  identified?: 'etcd' | 'kube-apiserver';
}

/**
 * Asks an endpoint for its admin and debug surfaces (GET only, no credentials, no redirects
 * followed, bodies cut at `maxBodyBytes`), and what a control-plane component shows an anonymous
 * client. A finding names the path, the status and a redacted excerpt.
 */
export async function probeHttp(
  target: ProbeTarget,
  address: string,
  limits: ProbeLimits,
  settings: HttpProbeSettings,
  signal?: AbortSignal,
): Promise<{ report: HttpReport; findings: ProbeFinding[] }> {
  const endpoint = `${address}:${target.port}`;
  const tls = settings.tls;
  const answers: PathAnswer[] = [];
  const findings: ProbeFinding[] = [];
  const get = async (path: string, maxBytes = settings.maxBodyBytes) => {
    try {
      const answer = await limits.run(endpoint, () =>
        httpGet({
          address,
          port: target.port,
          tls,
          host: target.host,
          path,
          timeoutMs: settings.timeoutMs,
          maxBytes,
          ...(settings.legacyTls ? { legacyTls: true } : {}),
          ...(signal ? { signal } : {}),
        }),
      );
      answers.push({ path, status: answer.status });
      return answer;
    } catch (error) {
      answers.push({ path, status: (error as Error).message });
      return undefined;
    }
  };
  const text = (a: GetAnswer) => a.body.toString('utf8');
  const evidence = (path: string, a: GetAnswer, quote: string) => ({
    path,
    status: a.status,
    contentType: a.headers['content-type'] ?? null,
    excerpt: quote,
  });

  const root = await get('/');
  if (!root) return { report: { answers, reachable: false }, findings };
  if (!tls && root.status >= 200 && root.status < 300) {
    findings.push(
      probeFinding(
        'SEC-HTTP-001',
        target,
        address,
        `answers plain HTTP with ${root.status} and no redirect to HTTPS`,
        evidence('/', root, excerpt(root.body)),
      ),
    );
  }

  for (const check of EXPOSURE_CHECKS) {
    if (signal?.aborted) break;
    if (check.onlyPorts && !check.onlyPorts.includes(target.port) && target.role !== 'kubelet')
      continue;
    if (target.role === 'kubelet' && check.rule !== 'SEC-EXPOSE-008') continue;
    const answer = check.path === '/' ? root : await get(check.path);
    if (!answer) continue;
    const body = text(answer);
    if (!check.matches(answer, body)) continue;
    const quote = check.quote ? check.quote(answer, body) : excerpt(answer.body);
    findings.push(
      probeFinding(
        check.rule,
        target,
        address,
        `GET ${check.path} answers ${answer.status} with ${check.what}`,
        evidence(check.path, answer, quote),
      ),
    );
  }
  if (target.role === 'kubelet') return { report: { answers, reachable: true }, findings };

  const version = await get('/version', 4096);
  const report: HttpReport = { answers, reachable: true };
  if (version?.status === 200 && CONTROL_PLANE_FINGERPRINTS.etcd(text(version))) {
    report.identified = 'etcd';
    findings.push(
      probeFinding(
        'SEC-EXPOSE-009',
        target,
        address,
        `etcd answers GET /version ${tls ? 'without a client certificate' : 'over plain HTTP, without any credential'}`,
        evidence('/version', version, excerpt(version.body)),
      ),
    );
  } else if (version?.status === 200 && CONTROL_PLANE_FINGERPRINTS.apiserver(text(version))) {
    report.identified = 'kube-apiserver';
    const listed = await get('/api/v1/namespaces?limit=1', 65536);
    if (listed?.status === 200 && /"kind"\s*:\s*"NamespaceList"/.test(text(listed))) {
      const count = /"items"\s*:\s*\[\s*\]/.test(text(listed)) ? 'no' : 'at least one';
      findings.push(
        probeFinding(
          'SEC-EXPOSE-010',
          target,
          address,
          'the API server lists namespaces for a request without credentials (system:anonymous)',
          evidence(
            '/api/v1/namespaces?limit=1',
            listed,
            `NamespaceList with ${count} namespace(s) (names not shown)`,
          ),
        ),
      );
    }
  }
  return { report, findings };
}
