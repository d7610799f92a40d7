/**
 * The servers of the probe benchmark, in a process of their own: COUNT HTTPS servers on loopback
 * (TLS 1.2 and 1.3, one P-256 certificate, HSTS), each on its own port. Prints the ports as one
 * JSON line when all listen, then serves until stdin closes.
 *
 *   node test/bench/probe-servers.ts CERT KEY COUNT   (with tsx)
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';

const [certFile, keyFile, countText] = process.argv.slice(2);
const cert = readFileSync(certFile!, 'utf8');
const key = readFileSync(keyFile!, 'utf8');
const ports: number[] = [];
for (let i = 0; i < Number(countText); i++) {
  const server = createServer({ cert, key }, (_req, res) => {
    res.writeHead(200, {
      'strict-transport-security': 'max-age=31536000',
      'content-type': 'text/plain',
    });
    res.end('ok');
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  ports.push((server.address() as AddressInfo).port);
}
process.stdout.write(`${JSON.stringify(ports)}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
