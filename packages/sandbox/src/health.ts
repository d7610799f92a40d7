import { readFile } from 'node:fs/promises';
import { pkiLayout } from './certs.js';
import { httpCall, type TlsMaterial } from './http.js';
import type { SandboxPaths } from './paths.js';
import type { ComponentName, SandboxPorts } from './state.js';

/** The answer of one health probe. */
export interface ProbeResult {
  healthy: boolean;
  /** What was seen: `ok`, an HTTP status, or the connection error. */
  detail: string;
}

/** TLS material to probe the components: the sandbox CA, and the admin identity for the apiserver. */
export async function probeTls(
  paths: SandboxPaths,
): Promise<{ anonymous: TlsMaterial; admin: TlsMaterial }> {
  const pki = pkiLayout(paths.pki);
  const [ca, cert, key] = await Promise.all([
    readFile(pki.ca.cert, 'utf8'),
    readFile(pki.admin.cert, 'utf8'),
    readFile(pki.admin.key, 'utf8'),
  ]);
  return { anonymous: { ca }, admin: { ca, cert, key } };
}

async function expect200(
  url: string,
  tls?: TlsMaterial,
  okBody?: (body: string) => boolean,
): Promise<ProbeResult> {
  try {
    const { status, body } = await httpCall(url, tls ? { tls } : {});
    if (status !== 200)
      return { healthy: false, detail: `${url} answered ${status}: ${body.trim().slice(0, 200)}` };
    if (okBody && !okBody(body))
      return { healthy: false, detail: `${url} answered ${body.trim().slice(0, 200)}` };
    return { healthy: true, detail: 'ok' };
  } catch (error) {
    return { healthy: false, detail: `${url}: ${(error as Error).message}` };
  }
}

/**
 * Probes one component's own health endpoint: etcd `/health`, apiserver `/readyz` (as admin),
 * controller-manager and scheduler `/healthz` on their secure ports, kwok `/healthz`, and moto's
 * `/moto-api/` page. All TLS is verified against the sandbox CA.
 */
export async function probeComponent(
  name: ComponentName,
  ports: SandboxPorts,
  tls: { anonymous: TlsMaterial; admin: TlsMaterial },
): Promise<ProbeResult> {
  switch (name) {
    case 'etcd':
      return expect200(`http://127.0.0.1:${ports.etcdClient}/health`, undefined, (body) =>
        /"health":\s*"true"/.test(body),
      );
    case 'kube-apiserver':
      return expect200(`https://127.0.0.1:${ports.apiserver}/readyz`, tls.admin);
    case 'kube-controller-manager':
      return expect200(`https://127.0.0.1:${ports.controllerManager}/healthz`, tls.anonymous);
    case 'kube-scheduler':
      return expect200(`https://127.0.0.1:${ports.scheduler}/healthz`, tls.anonymous);
    case 'kwok':
      return expect200(`https://127.0.0.1:${ports.kwok}/healthz`, tls.anonymous);
    case 'moto':
      return expect200(`http://127.0.0.1:${ports.moto}/moto-api/`);
  }
}
