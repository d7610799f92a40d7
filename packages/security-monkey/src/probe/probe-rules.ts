import type { Severity } from '@simian/core';

/** One kind of problem an active probe reports: its id, words and frameworks, like a Rego rule's METADATA. */
export interface ProbeRule {
  id: string;
  title: string;
  severity: Severity;
  description: string;
  remediation: string;
  frameworks: string[];
  /** What the probe sends to find it, for docs/security.md. */
  sends: string;
}

const rule = (r: ProbeRule) => r;

/** Every probe rule, by id: the docs table and the findings read this one list. */
export const PROBE_RULES = {
  'SEC-TLS-001': rule({
    id: 'SEC-TLS-001',
    title: 'TLS certificate expired',
    severity: 'critical',
    description:
      'The certificate the endpoint serves is past its notAfter date: clients refuse it, or users learn to click through warnings.',
    remediation: 'Renew the certificate (automate it: cert-manager, ACME) and reload the server.',
    frameworks: [
      'nsa-cisa-kubernetes-hardening:network-separation',
      'testssl:cert_expirationStatus',
    ],
    sends: 'one TLS handshake (TLS 1.2/1.3, SNI = the host name); reads the certificate chain',
  }),
  'SEC-TLS-002': rule({
    id: 'SEC-TLS-002',
    title: 'TLS certificate expires within 30 days',
    severity: 'high',
    description:
      'The certificate expires within the high-risk window (30 days by default): renewal has failed or is not automated.',
    remediation: 'Renew now, and find out why automatic renewal did not.',
    frameworks: ['testssl:cert_expirationStatus'],
    sends: 'the handshake above',
  }),
  'SEC-TLS-003': rule({
    id: 'SEC-TLS-003',
    title: 'TLS certificate expires within 60 days',
    severity: 'medium',
    description: 'The certificate expires within the warning window (60 days by default).',
    remediation: 'Schedule the renewal, or check that automation will do it.',
    frameworks: ['testssl:cert_expirationStatus'],
    sends: 'the handshake above',
  }),
  'SEC-TLS-004': rule({
    id: 'SEC-TLS-004',
    title: 'TLS certificate not trusted (self-signed or unknown issuer)',
    severity: 'high',
    description:
      'The chain does not lead to a trusted CA (the system store and probes.tls.extraCa): clients cannot tell the endpoint from an impostor.',
    remediation:
      'Serve a certificate from a public CA, or from your internal CA and distribute that CA to the clients (and to probes.tls.extraCa).',
    frameworks: ['testssl:cert_chain_of_trust'],
    sends: 'the handshake above',
  }),
  'SEC-TLS-005': rule({
    id: 'SEC-TLS-005',
    title: 'TLS certificate does not match the host name',
    severity: 'high',
    description:
      'The certificate names neither the host name nor the address the endpoint is reached by.',
    remediation:
      'Issue a certificate whose subjectAltName lists every name the endpoint is served under.',
    frameworks: ['testssl:cert_subjectAltName'],
    sends: 'the handshake above',
  }),
  'SEC-TLS-006': rule({
    id: 'SEC-TLS-006',
    title: 'SSLv3 accepted',
    severity: 'critical',
    description:
      'The server completes an SSLv3 hello: POODLE and a downgrade of every client that still speaks it.',
    remediation: 'Disable SSLv3 (and TLS 1.0/1.1) in the server or load balancer policy.',
    frameworks: ['testssl:SSLv3', 'nsa-cisa-kubernetes-hardening:network-separation'],
    sends: 'one SSLv3 ClientHello; the connection is closed after the server answers',
  }),
  'SEC-TLS-007': rule({
    id: 'SEC-TLS-007',
    title: 'TLS 1.0 or 1.1 accepted',
    severity: 'medium',
    description:
      'The server accepts TLS 1.0 or 1.1, deprecated by RFC 8996 (BEAST, weak MACs, no AEAD ciphers).',
    remediation: 'Require TLS 1.2 or later.',
    frameworks: ['testssl:TLS1', 'testssl:TLS1_1'],
    sends: 'one TLS 1.0 and one TLS 1.1 ClientHello; each connection is closed after the answer',
  }),
  'SEC-TLS-008': rule({
    id: 'SEC-TLS-008',
    title: 'No TLS 1.2 or 1.3',
    severity: 'high',
    description:
      'The server negotiates nothing newer than TLS 1.1: modern clients cannot connect safely.',
    remediation: 'Upgrade the TLS library or load balancer policy to offer TLS 1.2 and 1.3.',
    frameworks: ['testssl:TLS1_2', 'testssl:TLS1_3'],
    sends: 'the handshake above',
  }),
  'SEC-TLS-009': rule({
    id: 'SEC-TLS-009',
    title: 'Weak cipher suite accepted',
    severity: 'high',
    description:
      'The server accepts a suite with no encryption (NULL), export strength, no authentication (anonymous DH), RC4, or a 64-bit block cipher (DES, 3DES: Sweet32).',
    remediation:
      'Restrict the cipher list to AEAD suites with ECDHE (the Mozilla intermediate profile).',
    frameworks: [
      'testssl:cipherlist_NULL',
      'testssl:cipherlist_EXPORT',
      'testssl:cipherlist_aNULL',
      'testssl:RC4',
      'testssl:SWEET32',
    ],
    sends:
      'one TLS 1.2 ClientHello offering only weak suites; the connection is closed after the answer',
  }),
  'SEC-TLS-010': rule({
    id: 'SEC-TLS-010',
    title: 'No forward secrecy',
    severity: 'medium',
    description:
      'Offered modern ECDHE suites, the server still chose static RSA key exchange: whoever gets the server key later decrypts every recorded session.',
    remediation: 'Prefer ECDHE suites (and TLS 1.3); drop static RSA key exchange.',
    frameworks: ['testssl:FS'],
    sends: 'the handshake above',
  }),
  'SEC-TLS-011': rule({
    id: 'SEC-TLS-011',
    title: 'HSTS missing on HTTPS',
    severity: 'low',
    description:
      'The HTTPS answer carries no Strict-Transport-Security header (or one with max-age 0): a network attacker can downgrade a first visit to HTTP.',
    remediation:
      'Send Strict-Transport-Security: max-age=31536000; includeSubDomains on every HTTPS answer.',
    frameworks: ['testssl:HSTS', 'owasp-asvs:14.4.5'],
    sends: 'GET / over HTTPS; only the headers are judged',
  }),
  'SEC-HTTP-001': rule({
    id: 'SEC-HTTP-001',
    title: 'Plain HTTP served without a redirect to HTTPS',
    severity: 'medium',
    description: 'The endpoint answers plain HTTP with content instead of redirecting to HTTPS.',
    remediation: 'Redirect HTTP to HTTPS (301/308), or stop listening on plain HTTP.',
    frameworks: ['nsa-cisa-kubernetes-hardening:network-separation', 'kubescape:C-0263'],
    sends: 'GET / over plain HTTP',
  }),
  'SEC-EXPOSE-001': rule({
    id: 'SEC-EXPOSE-001',
    title: 'Spring Boot actuator exposed',
    severity: 'critical',
    description:
      'Sensitive actuator endpoints answer without authentication: env and configprops (configuration and credentials), heapdump (the process memory, secrets included), jolokia (JMX, often remote code execution), threaddump, mappings.',
    remediation:
      'Expose only health and info (management.endpoints.web.exposure.include), put the management port on a separate, internal Service, or require authentication.',
    frameworks: ['owasp-top10:A05-security-misconfiguration', 'kubescape:C-0021'],
    sends:
      'GET /actuator, /actuator/env, /actuator/configprops, /actuator/heapdump (first 64 KiB only), /actuator/jolokia, /jolokia, /actuator/threaddump, /actuator/mappings, /env, /heapdump',
  }),
  'SEC-EXPOSE-002': rule({
    id: 'SEC-EXPOSE-002',
    title: 'Go pprof debug endpoints exposed',
    severity: 'high',
    description:
      '/debug/pprof/ answers: anyone can read goroutine stacks, command lines and heap profiles, and tie up the CPU with profiles.',
    remediation:
      'Serve net/http/pprof on a separate, loopback-only listener, or not at all in production.',
    frameworks: ['owasp-top10:A05-security-misconfiguration', 'kubescape:C-0021'],
    sends: 'GET /debug/pprof/',
  }),
  'SEC-EXPOSE-003': rule({
    id: 'SEC-EXPOSE-003',
    title: 'Metrics exposed',
    severity: 'medium',
    description:
      'A Prometheus metrics page answers to anyone: internal names, versions, traffic and sometimes labels with personal data.',
    remediation:
      'Serve metrics on an internal port scraped inside the cluster, or require authentication.',
    frameworks: ['owasp-top10:A05-security-misconfiguration'],
    sends: 'GET /metrics, /actuator/prometheus',
  }),
  'SEC-EXPOSE-004': rule({
    id: 'SEC-EXPOSE-004',
    title: 'Web server status page exposed',
    severity: 'medium',
    description:
      'Apache mod_status (/server-status) or nginx stub_status answers: client addresses, requested URLs and load.',
    remediation: 'Restrict the status location to the monitoring network (Require ip / allow).',
    frameworks: ['owasp-top10:A05-security-misconfiguration'],
    sends: 'GET /server-status, /nginx_status',
  }),
  'SEC-EXPOSE-005': rule({
    id: 'SEC-EXPOSE-005',
    title: 'Git metadata exposed (/.git)',
    severity: 'high',
    description:
      'The .git directory is served: the whole source history can be downloaded, with whatever secrets were ever committed.',
    remediation: 'Do not ship .git in images or document roots; deny dot-files in the web server.',
    frameworks: ['owasp-top10:A05-security-misconfiguration'],
    sends: 'GET /.git/config',
  }),
  'SEC-EXPOSE-006': rule({
    id: 'SEC-EXPOSE-006',
    title: 'Environment file exposed (/.env)',
    severity: 'critical',
    description: 'A .env file is served: database URLs, API keys and passwords of the application.',
    remediation: 'Remove the file from the document root and rotate every credential in it.',
    frameworks: ['owasp-top10:A05-security-misconfiguration'],
    sends: 'GET /.env',
  }),
  'SEC-EXPOSE-007': rule({
    id: 'SEC-EXPOSE-007',
    title: 'Kubernetes dashboard exposed',
    severity: 'high',
    description:
      'The Kubernetes dashboard answers from outside the cluster: a login page at best, cluster control at worst (skip-login, over-privileged ServiceAccount).',
    remediation: 'Keep the dashboard ClusterIP-only and reach it with kubectl proxy, or remove it.',
    frameworks: ['kubescape:C-0014', 'checkov:CKV_K8S_33'],
    sends: 'GET /',
  }),
  'SEC-EXPOSE-008': rule({
    id: 'SEC-EXPOSE-008',
    title: 'Kubelet answers anonymous requests',
    severity: 'critical',
    description:
      "A kubelet's API (10250) or read-only port (10255) lists pods without credentials: pod specs and environments, and on 10250 often exec into any pod of the node.",
    remediation:
      'Run the kubelet with --anonymous-auth=false, --authorization-mode=Webhook and --read-only-port=0.',
    frameworks: [
      'cis-kubernetes-1.12:4.2.1',
      'cis-kubernetes-1.12:4.2.4',
      'kubescape:C-0069',
      'trivy:KCV-0079',
      'trivy:KCV-0082',
    ],
    sends: 'GET /pods (no credentials)',
  }),
  'SEC-EXPOSE-009': rule({
    id: 'SEC-EXPOSE-009',
    title: 'etcd answers without a client certificate',
    severity: 'critical',
    description:
      "etcd answers a client that shows no certificate: whoever reaches it reads and writes the cluster's whole state, Secrets included.",
    remediation:
      'Run etcd with --client-cert-auth=true and --trusted-ca-file, serve clients over TLS only, and keep its port off every network but the control plane.',
    frameworks: [
      'cis-kubernetes-1.12:2.2',
      'kubescape:C-0154',
      'trivy:KCV-0043',
      'checkov:CKV_K8S_117',
    ],
    sends: 'GET /version (no client certificate)',
  }),
  'SEC-EXPOSE-010': rule({
    id: 'SEC-EXPOSE-010',
    title: 'API server answers system:anonymous',
    severity: 'critical',
    description:
      'The Kubernetes API server lists resources for a request without any credential: anonymous authentication is on and RBAC grants system:anonymous (or system:unauthenticated) more than the public discovery endpoints.',
    remediation:
      'Delete the binding to system:anonymous / system:unauthenticated, and run the API server with --anonymous-auth=false where health checks allow.',
    frameworks: [
      'cis-kubernetes-1.12:1.2.1',
      'kubescape:C-0262',
      'trivy:KCV-0001',
      'checkov:CKV_K8S_68',
    ],
    sends: 'GET /version, then GET /api/v1/namespaces?limit=1 (no credentials)',
  }),
} as const satisfies Record<string, ProbeRule>;

/** A probe rule id. */
export type ProbeRuleId = keyof typeof PROBE_RULES;
