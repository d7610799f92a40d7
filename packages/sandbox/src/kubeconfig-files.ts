import { readFile, writeFile } from 'node:fs/promises';
import type { CertPair } from './certs.js';
import { renderKubeconfig } from './kubeconfig.js';

/** The cluster name in every sandbox kubeconfig. */
export const sandboxClusterName = 'simian-sandbox';

/**
 * Writes a kubeconfig (mode 0600) for the user whose certificate is `pair`, trusting the CA in
 * `caCert`, with the PEMs embedded.
 */
export async function writeKubeconfig(
  file: string,
  caCert: string,
  pair: CertPair,
  user: string,
  server: string,
): Promise<void> {
  const [caPem, certPem, keyPem] = await Promise.all([
    readFile(caCert, 'utf8'),
    readFile(pair.cert, 'utf8'),
    readFile(pair.key, 'utf8'),
  ]);
  const text = renderKubeconfig({
    cluster: sandboxClusterName,
    server,
    caPem,
    user,
    certPem,
    keyPem,
  });
  await writeFile(file, text, { mode: 0o600 });
}
