import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ActionFailedError, InterruptedError, SimianError } from '@simian/core';
import { silentLogger } from '@simian/core';
import { registerActivityPack } from '@simian/activities';
import { createActivityRegistry } from './builtins.js';
import type { ActivityContext } from './registry.js';
import { startToyService, type ToyService } from '@simian/testing';

const registry = registerActivityPack(createActivityRegistry());
function context(extra: Partial<ActivityContext> = {}): ActivityContext {
  return {
    signal: new AbortController().signal,
    logger: silentLogger(),
    configuration: {},
    secrets: {},
    env: process.env,
    activity: { name: 'test', type: 'probe', hasTolerance: true },
    registry,
    ...extra,
  };
}
const run = (provider: Record<string, unknown>, extra: Partial<ActivityContext> = {}) =>
  registry.providerType(String(provider.type)).run(provider, context(extra));

describe('http provider (chaoslib run_http_activity)', () => {
  let svc: ToyService;
  beforeAll(async () => {
    svc = await startToyService();
  });
  afterAll(() => svc.close());

  it('returns {status, headers, body}; JSON bodies are parsed; a 503 is an output, not a failure', async () => {
    const ok = (await run({ type: 'http', url: `${svc.url}/health` })) as Record<string, unknown>;
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ status: 'ok' });
    expect(ok.headers).toMatchObject({ 'Content-Type': 'application/json' });
    svc.up = false;
    const down = (await run({ type: 'http', url: `${svc.url}/health` })) as Record<string, unknown>;
    svc.up = true;
    expect(down.status).toBe(503);
  });

  it('GET arguments become the query string; other methods send JSON or a form, per Content-Type', async () => {
    const get = (await run({
      type: 'http',
      url: `${svc.url}/echo?a=1`,
      arguments: { b: 'two', c: ['x', 'y'], d: null },
    })) as { body: { query: unknown } };
    expect(get.body.query).toEqual({ a: '1', b: 'two', c: 'y' });
    const json = (await run(
      {
        type: 'http',
        url: `${svc.url}/echo`,
        method: 'post',
        headers: { 'Content-Type': 'application/json', 'X-Simian': '${token}' },
        arguments: { n: 1 },
      },
      { configuration: { token: 't0k' } },
    )) as { body: Record<string, unknown> };
    expect(json.body).toMatchObject({ method: 'POST', body: '{"n":1}', header: 't0k' });
    const form = (await run({
      type: 'http',
      url: `${svc.url}/echo`,
      method: 'PUT',
      arguments: { a: 'b c' },
    })) as { body: Record<string, unknown> };
    expect(form.body).toMatchObject({
      contentType: 'application/x-www-form-urlencoded',
      body: 'a=b+c',
    });
  });

  it('follows redirects like requests does', async () => {
    const r = (await run({ type: 'http', url: `${svc.url}/redirect` })) as { status: number };
    expect(r.status).toBe(200);
  });

  it('fails on a refused connection and on a timeout, in chaoslib words', async () => {
    await expect(run({ type: 'http', url: 'http://127.0.0.1:1/x' })).rejects.toThrow(
      /failed to connect to http:\/\/127.0.0.1:1\/x/,
    );
    await expect(
      run({ type: 'http', url: `${svc.url}/slow?ms=2000`, timeout: 0.2 }),
    ).rejects.toThrow(/activity took too long to complete/);
  });

  it('expected_status (Simian) fails the activity on any other status', async () => {
    svc.up = false;
    await expect(
      run({ type: 'http', url: `${svc.url}/health`, expected_status: [200, 204] }),
    ).rejects.toThrow(ActionFailedError);
    svc.up = true;
  });

  it('is interrupted by the signal', async () => {
    const controller = new AbortController();
    const pending = run(
      { type: 'http', url: `${svc.url}/slow?ms=5000` },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toBeInstanceOf(InterruptedError);
  });
});

describe('process provider (chaoslib run_process_activity)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'simian-process-'));

  it('returns {status, stdout, stderr}; a non-zero exit is an output', async () => {
    expect(await run({ type: 'process', path: 'echo', arguments: ['hello', '', null, 3] })).toEqual(
      {
        status: 0,
        stdout: 'hello 3\n',
        stderr: '',
      },
    );
    const script = join(dir, 'fail.sh');
    writeFileSync(script, '#!/bin/sh\necho oops >&2\nexit 3\n');
    chmodSync(script, 0o755);
    expect(await run({ type: 'process', path: script })).toEqual({
      status: 3,
      stdout: '',
      stderr: 'oops\n',
    });
  });

  it('a string of arguments runs through the shell; a mapping is flattened; ${} is substituted', async () => {
    const out = (await run(
      { type: 'process', path: 'echo', arguments: '${word} | tr a-z A-Z' },
      { configuration: { word: 'shout' } },
    )) as { stdout: string };
    expect(out.stdout).toBe('SHOUT\n');
    const flat = (await run({ type: 'process', path: 'echo', arguments: { '-n': 'x' } })) as {
      stdout: string;
    };
    expect(flat.stdout).toBe('x');
  });

  it('a process killed by a signal has status -signal, as Python reports it', async () => {
    const out = (await run({
      type: 'process',
      path: 'sh',
      arguments: ['-c', 'kill -TERM $$'],
    })) as {
      status: number;
    };
    expect(out.status).toBe(-15);
  });

  it('times out (the activity fails) and is interrupted by the signal', async () => {
    const started = Date.now();
    await expect(
      run({ type: 'process', path: 'sleep', arguments: ['10'], timeout: 0.2 }),
    ).rejects.toThrow(/process activity took too long to complete/);
    const controller = new AbortController();
    const pending = run(
      { type: 'process', path: 'sleep', arguments: ['10'] },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toBeInstanceOf(InterruptedError);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('fails when the executable is not on PATH', async () => {
    await expect(run({ type: 'process', path: 'no-such-simian-binary' })).rejects.toThrow(
      /executable "no-such-simian-binary" cannot be found on PATH/,
    );
  });
});

describe('python provider and the activity registry', () => {
  it('an unknown module or function is an error that names both', async () => {
    const error = await run({ type: 'python', module: 'chaosfoo.actions', func: 'break_it' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SimianError);
    expect((error as SimianError).message).toBe(
      'activity "test" calls chaosfoo.actions.break_it (module chaosfoo.actions, function break_it), which Simian does not implement',
    );
    expect((error as SimianError).hint).toMatch(/chaosprometheus\.probes/);
    expect(() => registry.pythonFunction('chaosprometheus.probes', 'nope')).toThrow(
      expect.objectContaining({ hint: expect.stringMatching(/query, query_interval/) }),
    );
  });

  it('runs a registered function with substituted, checked arguments and the selected secrets', async () => {
    const local = createActivityRegistry().registerPythonFunction(
      'chaosk8s.pod.actions.terminate_pods',
      {
        description: 'test double',
        kind: 'action',
        arguments: z.strictObject({ ns: z.string(), qty: z.number() }),
        example: {},
        run: async (args, ctx) => ({ args, secrets: ctx.secrets }),
      },
    );
    const out = await local.providerType('python').run(
      {
        type: 'python',
        module: 'chaosk8s.pod.actions',
        func: 'terminate_pods',
        arguments: { ns: '${ns}', qty: '${qty}' },
        secrets: ['k8s'],
      },
      context({
        registry: local,
        configuration: { ns: 'shop', qty: 2 },
        secrets: { k8s: { token: 's3cret' }, other: { x: 1 } },
      }),
    );
    expect(out).toEqual({ args: { ns: 'shop', qty: 2 }, secrets: { token: 's3cret' } });
    await expect(
      local.providerType('python').run(
        {
          type: 'python',
          module: 'chaosk8s.pod.actions',
          func: 'terminate_pods',
          arguments: { ns: 'a', qtty: 1 },
        },
        context({ registry: local }),
      ),
    ).rejects.toThrow(/invalid arguments for chaosk8s.pod.actions.terminate_pods/);
  });

  it('refuses wiring mistakes at registration', () => {
    const fn = {
      description: 'x',
      kind: 'probe' as const,
      arguments: z.strictObject({}),
      example: {},
      run: async () => 1,
    };
    expect(() => createActivityRegistry().registerPythonFunction('nodots', fn)).toThrow(/dotted/);
    expect(() => registry.registerPythonFunction('simian.load.http', fn)).toThrow(
      /registered twice/,
    );
    expect(() =>
      createActivityRegistry().registerPythonFunction('a.b', { ...fn, arguments: z.object({}) }),
    ).toThrow(/accepts unknown keys/);
  });
});
