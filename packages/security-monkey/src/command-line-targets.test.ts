import { describe, expect, it } from 'vitest';
import { commandLineTargets } from './command-line-targets.js';

const lookup = async (host: string) =>
  ({
    localhost: ['127.0.0.1', '::1'],
    'shop.example.com': ['203.0.113.10'],
    'intra.example.com': ['10.2.0.4'],
  })[host] ?? [];

describe('commandLineTargets', () => {
  it('probes loopback without asking', async () => {
    const [a, b] = await commandLineTargets(['https://127.0.0.1:8443', 'http://localhost:8080'], {
      allow: [],
      configured: [],
      lookup,
    });
    expect(a).toMatchObject({
      scheme: 'https',
      host: '127.0.0.1',
      port: 8443,
      checks: ['tls', 'http'],
      allow: { addresses: ['127.0.0.1'] },
    });
    expect(b).toMatchObject({
      scheme: 'http',
      host: 'localhost',
      allow: { addresses: ['127.0.0.1', '::1'] },
    });
  });

  it('refuses anything else, saying how to allow it', async () => {
    await expect(
      commandLineTargets(['https://shop.example.com'], { allow: [], configured: [], lookup }),
    ).rejects.toThrow(
      /https:\/\/shop.example.com is not yours to probe as far as Simian knows: shop.example.com resolves to 203.0.113.10/,
    );
    await expect(
      commandLineTargets(['https://10.9.9.9'], { allow: ['10.2.0.0/16'], configured: [], lookup }),
    ).rejects.toThrow(/not loopback/);
  });

  it('probes what --allow names, by host name or network, and what the config lists', async () => {
    const targets = await commandLineTargets(
      ['https://shop.example.com', 'https://intra.example.com', 'tcp://api.example.com:6443'],
      {
        allow: ['shop.example.com', '10.2.0.0/16'],
        configured: ['https://api.example.com'],
        lookup,
      },
    );
    expect(targets.map((t) => [t.url, t.allow])).toEqual([
      [
        'https://shop.example.com',
        { addresses: [], names: ['shop.example.com'], networks: ['10.2.0.0/16'] },
      ],
      [
        'https://intra.example.com',
        { addresses: ['10.2.0.4'], names: [], networks: ['10.2.0.0/16'] },
      ],
      [
        'tcp://api.example.com:6443',
        { addresses: [], names: ['api.example.com'], networks: ['10.2.0.0/16'] },
      ],
    ]);
  });

  it('rejects what is not a probe URL', async () => {
    await expect(
      commandLineTargets(['ftp://127.0.0.1'], { allow: [], configured: [], lookup }),
    ).rejects.toThrow(/http:\/\/, https:\/\/ or tcp:\/\//);
    await expect(
      commandLineTargets(['not a url'], { allow: [], configured: [], lookup }),
    ).rejects.toThrow(/is not a URL/);
  });
});
