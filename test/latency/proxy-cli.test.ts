// `simian latency proxy` as a process on loopback: the delay asked for, the end at --for, the kill
// switch, and SIGKILL taking the fault with it (the toxics live in that process only).
import { connect, type Socket } from 'node:net';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoServer, simian } from './support.js';

let echo: Awaited<ReturnType<typeof echoServer>>;
beforeAll(async () => {
  echo = await echoServer();
});
afterAll(() => new Promise<void>((r) => echo.server.close(() => r())));

const open = (port: number) =>
  new Promise<Socket>((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, noDelay: true }, () => resolve(s));
    s.once('error', reject);
  });
const roundTrip = (s: Socket) =>
  new Promise<number>((resolve) => {
    const t0 = performance.now();
    s.once('data', () => resolve(performance.now() - t0));
    s.write('x');
  });
const listening = /^proxy 127\.0\.0\.1:(\d+) -> /m;
// An empty folder: no simian.yaml, so the safety section's defaults apply.
const cwd = mkdtempSync(join(tmpdir(), 'simian-proxy-cli-'));

describe('simian latency proxy', () => {
  it('adds the delay asked for (150 ms ± 15 ms downstream), and stops by itself at --for', async () => {
    const p = simian(
      [
        'latency',
        'proxy',
        '--listen',
        '127.0.0.1:0',
        '--upstream',
        `127.0.0.1:${echo.port}`,
        '--delay',
        '150ms',
        '--jitter',
        '15ms',
        '--for',
        '3s',
      ],
      { cwd },
    );
    const port = Number((await p.line(listening))[1]);
    expect(p.stdout()).toMatch(/latency 150ms ±15ms downstream until /);
    const s = await open(port);
    const rtts: number[] = [];
    for (let i = 0; i < 5; i++) rtts.push(await roundTrip(s));
    for (const r of rtts) {
      expect(r).toBeGreaterThanOrEqual(134);
      // Room above for a busy machine's timers; the benchmark has the fidelity figures.
      expect(r).toBeLessThan(400);
    }
    expect(await p.exit).toEqual({ code: 0, signal: null });
    expect(p.stdout()).toMatch(/the toxics expired; stopped after 1 connection\(s\)/);
    await expect(open(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('killed with SIGKILL mid-fault: the fault is gone at once, with the process', async () => {
    const p = simian(
      [
        'latency',
        'proxy',
        '--listen',
        '127.0.0.1:0',
        '--upstream',
        `127.0.0.1:${echo.port}`,
        '--delay',
        '100ms',
        '--for',
        '60s',
      ],
      { cwd },
    );
    const port = Number((await p.line(listening))[1]);
    const s = await open(port);
    expect(await roundTrip(s)).toBeGreaterThanOrEqual(99);
    p.child.kill('SIGKILL');
    expect(await p.exit).toEqual({ code: null, signal: 'SIGKILL' });
    await expect(open(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    // The caller talks to its upstream directly again: nothing of the fault is left anywhere.
    const direct = await open(echo.port);
    expect(await roundTrip(direct)).toBeLessThan(50);
    direct.destroy();
    s.destroy();
  });

  it('honours the kill switch: refuses to start when it is engaged, stops when it engages', async () => {
    const refused = simian(
      [
        'latency',
        'proxy',
        '--listen',
        '127.0.0.1:0',
        '--upstream',
        `127.0.0.1:${echo.port}`,
        '--delay',
        '100ms',
        '--for',
        '60s',
      ],
      { cwd, env: { SIMIAN_KILL_SWITCH: '1' } },
    );
    expect((await refused.exit).code).toBe(2);
    expect(refused.stderr()).toMatch(
      /the kill switch is engaged \(environment variable SIMIAN_KILL_SWITCH=1\): no proxy is started/,
    );

    const p = simian(
      [
        'latency',
        'proxy',
        '--listen',
        '127.0.0.1:0',
        '--upstream',
        `127.0.0.1:${echo.port}`,
        '--delay',
        '100ms',
        '--for',
        '60s',
      ],
      { cwd, env: { SIMIAN_KILL_SWITCH: '' } },
    );
    await p.line(listening);
    const t0 = Date.now();
    // The default kill-switch file is .simian/KILL under the folder.
    mkdirSync(join(cwd, '.simian'), { recursive: true });
    writeFileSync(join(cwd, '.simian', 'KILL'), 'stop');
    expect((await p.exit).code).toBe(1);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(p.stdout()).toMatch(
      /toxics taken off and stopped \(kill-switch: file .*\.simian\/KILL exists\)/,
    );
  });

  it('refuses a --for beyond safety.maxFaultDuration, and flags it cannot read', async () => {
    const long = simian(
      ['latency', 'proxy', '--listen', ':0', '--upstream', ':1', '--delay', '1ms', '--for', '2h'],
      { cwd: tmpdir() },
    );
    expect((await long.exit).code).toBe(2);
    expect(long.stderr()).toMatch(
      /--for must be above 0 and at most safety.maxFaultDuration \(1h\), but "2h" was given/,
    );
    const bad = simian(
      ['latency', 'proxy', '--listen', 'nowhere', '--upstream', ':1', '--for', '1s'],
      { cwd: tmpdir() },
    );
    expect((await bad.exit).code).toBe(2);
    expect(bad.stderr()).toMatch(/--listen must be HOST:PORT, but "nowhere" was given/);
  });
});
