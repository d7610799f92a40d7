/** What a kubeconfig for one user of the sandbox says. */
export interface KubeconfigSpec {
  /** Cluster and context name. */
  cluster: string;
  /** The apiserver's URL, e.g. `https://127.0.0.1:6443`. */
  server: string;
  /** PEM of the CA that signed the apiserver's serving certificate. */
  caPem: string;
  /** User name in the file (the identity itself is the certificate's CN). */
  user: string;
  /** PEM of the user's client certificate. */
  certPem: string;
  /** PEM of the user's private key. */
  keyPem: string;
}

const base64 = (pem: string): string => Buffer.from(pem, 'utf8').toString('base64');
// A JSON string is a YAML string too: names such as `system:kube-scheduler` need no further thought.
const q = (text: string): string => JSON.stringify(text);

/**
 * A kubeconfig with the certificates embedded, so the file works from any folder and can be
 * copied; it has one cluster, one user and one context, which is current.
 */
export function renderKubeconfig(spec: KubeconfigSpec): string {
  const context = `${spec.user}@${spec.cluster}`;
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `  - name: ${q(spec.cluster)}`,
    '    cluster:',
    `      server: ${q(spec.server)}`,
    `      certificate-authority-data: ${base64(spec.caPem)}`,
    'users:',
    `  - name: ${q(spec.user)}`,
    '    user:',
    `      client-certificate-data: ${base64(spec.certPem)}`,
    `      client-key-data: ${base64(spec.keyPem)}`,
    'contexts:',
    `  - name: ${q(context)}`,
    '    context:',
    `      cluster: ${q(spec.cluster)}`,
    `      user: ${q(spec.user)}`,
    `current-context: ${q(context)}`,
    '',
  ].join('\n');
}
