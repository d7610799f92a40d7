import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@simian/core';
import { createActivityRegistry } from '@simian/experiments';
import { registerActivityPack } from '../index.js';
import { prometheusBaseUrl } from './prometheus-api.js';
import { runExperiment } from '@simian/experiments';
import { experimentSchema } from '@simian/experiments';
import { parseTimeExpression } from '@simian/experiments';
import {
  BAD_QUERY_BODY,
  INSTANT_QUERY_BODY,
  RANGE_QUERY_BODY,
} from './__fixtures__/prometheus-responses.js';

// Prometheus itself is not part of the toolchain, so these tests check what Simian sends and how
// it reads the answer against a local server that replays bodies recorded from a real Prometheus
// 2.42 (see __fixtures__/prometheus-responses.ts). Real sockets, real HTTP, recorded answers.
let server: Server;
let base: string;
const requests: URL[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://prometheus');
    requests.push(url);
    const query = url.searchParams.get('query');
    const [status, body] =
      query === 'up{'
        ? [400, BAD_QUERY_BODY]
        : url.pathname === '/api/v1/query'
          ? [200, INSTANT_QUERY_BODY]
          : url.pathname === '/api/v1/query_range'
            ? [200, RANGE_QUERY_BODY]
            : [404, '404 page not found\n'];
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const activities = registerActivityPack(createActivityRegistry());
const probe = (func: string, args: Record<string, unknown>, tolerance?: unknown) => ({
  type: 'probe',
  name: `prometheus-${func}`,
  provider: { type: 'python', module: 'chaosprometheus.probes', func, arguments: args },
  ...(tolerance === undefined ? {} : { tolerance }),
});
const runWith = (method: unknown[], hypothesis?: unknown[]) =>
  runExperiment(
    experimentSchema.parse({
      title: 'prometheus',
      description: 'd',
      configuration: { prometheus_base_url: `${base}/` },
      ...(hypothesis ? { 'steady-state-hypothesis': { title: 'h', probes: hypothesis } } : {}),
      method,
    }),
    { activities, logger: silentLogger() },
  );

describe('chaosprometheus.probes', () => {
  it('query: GET /api/v1/query with query, time and timeout; the answer is the output as-is', async () => {
    requests.length = 0;
    const before = Date.now();
    const journal = await runWith(
      [probe('query', { query: 'up{job="prometheus"}', when: '2 minutes ago', timeout: 5 })],
      [
        probe(
          'query',
          { query: 'up{job="prometheus"}' },
          {
            type: 'jsonpath',
            path: '$.data.result[0].value[1]',
            expect: '1',
          },
        ),
      ],
    );
    expect(journal.steady_states.before?.steady_state_met).toBe(true);
    expect(journal.run[0]!.output).toEqual(JSON.parse(INSTANT_QUERY_BODY));
    const sent = requests[1]!;
    expect(sent.pathname).toBe('/api/v1/query');
    expect(sent.searchParams.get('query')).toBe('up{job="prometheus"}');
    expect(sent.searchParams.get('timeout')).toBe('5');
    const time = Date.parse(sent.searchParams.get('time')!);
    expect(Math.abs(time - (before - 120_000))).toBeLessThan(10_000);
  });

  it('query_interval: GET /api/v1/query_range with start, end and step', async () => {
    requests.length = 0;
    const journal = await runWith([
      probe('query_interval', { query: 'up', start: '5 minutes ago', end: 'now', step: 2 }),
    ]);
    expect(journal.run[0]).toMatchObject({
      status: 'succeeded',
      output: JSON.parse(RANGE_QUERY_BODY),
    });
    const sent = requests[0]!;
    expect(sent.pathname).toBe('/api/v1/query_range');
    expect(sent.searchParams.get('step')).toBe('2');
    const span =
      Date.parse(sent.searchParams.get('end')!) - Date.parse(sent.searchParams.get('start')!);
    expect(span).toBe(300_000);
  });

  it("a query Prometheus rejects fails the activity with Prometheus' own error", async () => {
    const journal = await runWith([probe('query', { query: 'up{' })]);
    expect(journal.run[0]!.status).toBe('failed');
    expect(journal.run[0]!.exception?.[0]).toContain(
      'parse error: unexpected end of input inside braces',
    );
  });

  it('a time it cannot read fails the activity, naming the text', async () => {
    const journal = await runWith([probe('query', { query: 'up', when: 'around teatime' })]);
    expect(journal.run[0]!.exception?.[0]).toContain("failed to parse 'around teatime'");
  });

  it('reads prometheus_base_url, default http://localhost:9090', () => {
    expect(prometheusBaseUrl({})).toBe('http://localhost:9090');
    expect(prometheusBaseUrl({ prometheus_base_url: 'http://prom:9090/' })).toBe(
      'http://prom:9090',
    );
  });

  it('parses the time forms experiments use', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    expect(parseTimeExpression('now', now)).toEqual(now);
    expect(parseTimeExpression('5 minutes ago', now)?.toISOString()).toBe(
      '2026-11-23T11:55:00.000Z',
    );
    expect(parseTimeExpression('in 1 hour', now)?.toISOString()).toBe('2026-11-23T13:00:00.000Z');
    expect(parseTimeExpression('2026-11-23T10:00:00Z', now)?.toISOString()).toBe(
      '2026-11-23T10:00:00.000Z',
    );
    expect(parseTimeExpression('1795441886', now)?.toISOString()).toBe('2026-11-23T13:51:26.000Z');
    expect(parseTimeExpression('5 minutes', now)).toBeUndefined();
  });
});
