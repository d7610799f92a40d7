import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { pickFreePorts } from './ports.js';

describe('pickFreePorts', () => {
  it('returns distinct ports that can be bound on loopback right after', async () => {
    const ports = await pickFreePorts(7);
    expect(ports).toHaveLength(7);
    expect(new Set(ports).size).toBe(7);
    for (const port of ports) {
      const server = createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', resolve);
      });
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
