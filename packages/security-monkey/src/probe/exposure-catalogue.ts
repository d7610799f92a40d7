import type { GetAnswer } from './http-get.js';
import type { ProbeRuleId } from './probe-rules.js';

/** One admin or debug surface: where to look, and how to tell it really answered. */
export interface ExposureCheck {
  rule: ProbeRuleId;
  path: string;
  /** What answered, in words, when it matches. */
  what: string;
  /**
   * Whether the answer is the surface itself, not a catch-all page, a login page or an error: a
   * status code alone proves nothing (many apps answer 200 to every path).
   */
  matches(answer: GetAnswer, text: string): boolean;
  /** What the finding may quote; default: the start of the body, redacted. */
  quote?(answer: GetAnswer, text: string): string;
  /** Only on endpoints that look like this (kubelet ports, ...). @default every endpoint */
  onlyPorts?: number[];
}

const ok = (a: GetAnswer) => a.status === 200;
const json = (text: string): Record<string, unknown> | undefined => {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};
const hasKeys = (text: string, ...keys: string[]) => {
  const v = json(text);
  return v !== undefined && keys.some((k) => k in v);
};
const actuator = (
  path: string,
  what: string,
  keys: string[],
  quote?: ExposureCheck['quote'],
): ExposureCheck => ({
  rule: 'SEC-EXPOSE-001',
  path,
  what,
  matches: (a, t) => ok(a) && hasKeys(t, ...keys),
  ...(quote ? { quote } : {}),
});
const sourceNames = (_a: GetAnswer, text: string) => {
  const sources = (json(text)?.['propertySources'] as Array<{ name?: string }> | undefined) ?? [];
  return `propertySources: ${sources
    .map((s) => s.name ?? '?')
    .slice(0, 5)
    .join(', ')} (values not shown)`;
};

/** The admin and debug surfaces the exposure probe looks for, in the order it asks. */
export const EXPOSURE_CHECKS: readonly ExposureCheck[] = [
  actuator('/actuator', 'the Spring Boot actuator index', ['_links']),
  actuator(
    '/actuator/env',
    'the Spring Boot environment (configuration and credentials)',
    ['propertySources', 'activeProfiles'],
    sourceNames,
  ),
  actuator('/actuator/configprops', 'the Spring Boot configuration properties', ['contexts']),
  {
    rule: 'SEC-EXPOSE-001',
    path: '/actuator/heapdump',
    what: 'a Java heap dump (the memory of the process)',
    matches: (a, t) => ok(a) && t.startsWith('JAVA PROFILE'),
    quote: (a) =>
      `${a.body.subarray(0, 18).toString('latin1').replace(/\0/g, '')} (hprof, first bytes only)`,
  },
  actuator('/actuator/jolokia', 'Jolokia (JMX over HTTP)', ['agent', 'protocol', 'value']),
  actuator('/jolokia', 'Jolokia (JMX over HTTP)', ['agent', 'protocol', 'value']),
  actuator('/actuator/threaddump', 'a thread dump', ['threads']),
  actuator('/actuator/mappings', 'every request mapping of the application', ['contexts']),
  actuator('/env', 'the Spring Boot 1 environment', ['profiles', 'systemProperties'], sourceNames),
  {
    rule: 'SEC-EXPOSE-001',
    path: '/heapdump',
    what: 'a Java heap dump (Spring Boot 1)',
    matches: (a, t) => ok(a) && t.startsWith('JAVA PROFILE'),
    quote: () => 'JAVA PROFILE (hprof, first bytes only)',
  },
  {
    rule: 'SEC-EXPOSE-002',
    path: '/debug/pprof/',
    what: 'Go net/http/pprof',
    matches: (a, t) =>
      ok(a) && /Types of profiles available|\/debug\/pprof\/goroutine|href=['"]?goroutine/i.test(t),
  },
  {
    rule: 'SEC-EXPOSE-003',
    path: '/metrics',
    what: 'Prometheus metrics',
    matches: (a, t) => ok(a) && /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* /m.test(t),
  },
  {
    rule: 'SEC-EXPOSE-003',
    path: '/actuator/prometheus',
    what: 'Prometheus metrics (Spring Boot)',
    matches: (a, t) => ok(a) && /^# (HELP|TYPE) /m.test(t),
  },
  {
    rule: 'SEC-EXPOSE-004',
    path: '/server-status',
    what: 'Apache mod_status',
    matches: (a, t) => ok(a) && /Apache Server Status|Server Version:|Total Accesses:/i.test(t),
  },
  {
    rule: 'SEC-EXPOSE-004',
    path: '/nginx_status',
    what: 'nginx stub_status',
    matches: (a, t) => ok(a) && /Active connections:\s*\d+/.test(t),
  },
  {
    rule: 'SEC-EXPOSE-005',
    path: '/.git/config',
    what: 'the Git repository configuration',
    matches: (a, t) => ok(a) && /\[core\]/.test(t) && /repositoryformatversion|bare\s*=/.test(t),
  },
  {
    rule: 'SEC-EXPOSE-006',
    path: '/.env',
    what: 'an environment file',
    matches: (a, t) => ok(a) && !/^\s*</.test(t) && /^\s*(export\s+)?[A-Z][A-Z0-9_]*\s*=/m.test(t),
    quote: (_a, t) => {
      const names = [...t.matchAll(/^\s*(?:export\s+)?([A-Z][A-Z0-9_]*)\s*=/gm)].map((m) => m[1]);
      return `variables ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', ...' : ''} (values not shown)`;
    },
  },
  {
    rule: 'SEC-EXPOSE-007',
    path: '/',
    what: 'the Kubernetes dashboard',
    matches: (a, t) =>
      ok(a) && /<title>\s*Kubernetes Dashboard\s*<\/title>|kubernetes-dashboard/i.test(t),
  },
  {
    rule: 'SEC-EXPOSE-008',
    path: '/pods',
    what: "a kubelet's pod list",
    matches: (a, t) => ok(a) && json(t)?.['kind'] === 'PodList',
    quote: (_a, t) =>
      `PodList with ${((json(t)?.['items'] as unknown[]) ?? []).length} pods (specs not shown)`,
    onlyPorts: [10250, 10255],
  },
];

/** What the etcd, API server and kubelet probes look for, by fingerprint, on any endpoint. */
export const CONTROL_PLANE_FINGERPRINTS = {
  /** etcd's /version: `{"etcdserver":"3.6.x","etcdcluster":"3.6.0"}`. */
  etcd: (text: string) => typeof json(text)?.['etcdserver'] === 'string',
  /** The API server's /version: `{"major":"1","minor":"34","gitVersion":"v1.34.4",...}`. */
  apiserver: (text: string) => {
    const v = json(text);
    return typeof v?.['gitVersion'] === 'string' && typeof v['major'] === 'string';
  },
} as const;
