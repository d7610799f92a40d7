import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, formatDuration } from '@simian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformityConfigSchema } from './config.js';
import { conformityMonkey } from './monkey.js';
import { configWith, run } from './__fixtures__/context.js';
import { MemoryProvider } from '@simian/testing';
import { kubeFixture } from './__fixtures__/resources.js';

describe('conformityMonkey', () => {
  it('registers: strict schema, destructive, and the verbs and kinds it needs', () => {
    const config = configWith();
    expect(conformityMonkey.name).toBe('conformity');
    expect(conformityMonkey.destructive).toBe(true);
    expect(config.monkeys['conformity']).toBeDefined();
    // Declared as provider:verb:Kind, so `simian rbac` grants scale and delete on workloads only.
    expect(conformityMonkey.verbs).toEqual(
      expect.arrayContaining([
        'kubernetes:mark:*',
        'kubernetes:unmark:*',
        'kubernetes:scale:Deployment',
        'kubernetes:delete:Deployment',
        'aws:stop:Instance',
      ]),
    );
    expect(conformityMonkey.verbs).not.toContain('kubernetes:delete:Namespace');
    expect(conformityMonkey.reads).toContain('kubernetes:PodDisruptionBudget');
  });

  it('has safe defaults: report only, 7 days of grace, scale to zero, no webhook', () => {
    const c = conformityConfigSchema.parse({});
    expect(c.enforce.rules).toEqual([]);
    expect(formatDuration(c.gracePeriod)).toBe('7d');
    expect(c.teardown).toBe('scale-to-zero');
    expect(c.notify.webhookUrl).toBeUndefined();
    expect(c.policy.allowAnnotationWaivers).toBe(true);
  });

  it('rejects unknown keys and a webhook that is not http(s), at their path', () => {
    const bad = () =>
      configWith('enforce: { rule: [K8S-EXPO-001] }\nnotify: { webhookUrl: "ftp://x" }');
    expect(bad).toThrow(ConfigError);
    const message = (() => {
      try {
        bad();
      } catch (e) {
        return (e as ConfigError).message;
      }
      return '';
    })();
    expect(message).toContain('monkeys.conformity.enforce');
    expect(message).toContain('monkeys.conformity.notify.webhookUrl');
  });

  it('reads an empty webhook from an unset environment variable as "off"', () => {
    const config = configWith('notify: { webhookUrl: "${CONFORMITY_WEBHOOK_URL:-}" }');
    expect(
      (config.monkeys['conformity'] as { notify: { webhookUrl: string } }).notify.webhookUrl,
    ).toBe('');
  });
});

describe('notification through a real run', () => {
  let server: Server;
  let url: string;
  const bodies: Array<{ event: string; stack: string; text: string }> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        bodies.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('tells the webhook when a stack is marked, once per stack', async () => {
    const p = new MemoryProvider('kubernetes', await kubeFixture('shop.yaml'), 'test');
    const config = configWith(`dryRun: false
enforce: { rules: [K8S-EXPO-001] }
notify: { webhookUrl: "${url}" }`);
    const result = await run(config, [p], new Date('2026-11-02T10:00:00Z'));
    expect(result.monkeys[0]!.outcomes.map((o) => o.status)).toEqual(['succeeded', 'succeeded']);
    expect(bodies.map((b) => [b.event, b.stack])).toEqual([['marked', 'k8s:test/shop/web']]);
    expect(bodies[0]!.text).toContain('will be torn down after 2026-11-09T10:00:00.000Z');
  });
});
