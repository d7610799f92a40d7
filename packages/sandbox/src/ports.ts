import { createServer, type Server } from 'node:net';
import type { SandboxPorts } from './state.js';

/**
 * Asks the kernel for `count` distinct free TCP ports on `host`. All listeners are open at the same
 * time, so the ports differ from each other; they are closed before returning, so a port can in
 * principle be taken by someone else before the component binds it (the component then fails to
 * start and `up` reports it with its log).
 * @param host @default '127.0.0.1'
 */
export async function pickFreePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port: 0, host, exclusive: true }, resolve);
      });
    }
    return servers.map((server) => {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('not a TCP listener');
      return address.port;
    });
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

/** One free loopback port for each listener of a sandbox. */
export async function pickSandboxPorts(): Promise<SandboxPorts> {
  const [etcdClient, etcdPeer, apiserver, controllerManager, scheduler, kwok, moto] =
    (await pickFreePorts(7)) as [number, number, number, number, number, number, number];
  return { etcdClient, etcdPeer, apiserver, controllerManager, scheduler, kwok, moto };
}
