import { describe, expect, it } from 'vitest';
import {
  netemClearScript,
  netemEphemeralContainer,
  netemHandle,
  netemLimit,
  netemQdiscArgs,
  netemScript,
} from './netem-script.js';

const seed003 = {
  delayMs: 1500,
  jitterMs: 150,
  correlationPercent: 25,
  expectedPacketsPerSecond: 10_000,
};

describe('the netem command lines', () => {
  it("sets the queue limit to hold the expected traffic for the whole delay, never below netem's 1000", () => {
    // 10k packets/s held 1.65 s, with 1.5x headroom.
    expect(netemLimit(seed003)).toBe(24_750);
    expect(netemLimit({ delayMs: 10, expectedPacketsPerSecond: 1000 })).toBe(1000);
    expect(netemLimit({ delayMs: 200, expectedPacketsPerSecond: 20_000 })).toBe(6000);
  });

  it('writes delay, jitter, correlation, loss and limit as tc takes them', () => {
    expect(netemQdiscArgs(seed003)).toEqual([
      'netem',
      'delay',
      '1500ms',
      '150ms',
      '25%',
      'limit',
      '24750',
    ]);
    expect(netemQdiscArgs({ delayMs: 0, lossPercent: 10, expectedPacketsPerSecond: 100 })).toEqual([
      'netem',
      'loss',
      '10%',
      'limit',
      '1000',
    ]);
    expect(
      netemQdiscArgs({ delayMs: 100, correlationPercent: 25, expectedPacketsPerSecond: 100 }),
    ).toEqual(['netem', 'delay', '100ms', 'limit', '1000']);
  });

  it('gives each fault its own handle in 5e01-5eff', () => {
    const a = netemHandle('latency:shop/middle@1');
    expect(a).toMatch(/^5e[0-9a-f]{2}$/);
    expect(netemHandle('latency:shop/middle@1')).toBe(a);
    const handles = new Set(Array.from({ length: 50 }, (_, i) => netemHandle(`fault-${i}`)));
    expect(handles.size).toBeGreaterThan(40);
  });

  it('the script: finds the interface, adds (never replaces) the qdisc, waits for the absolute expiry, removes only its own', () => {
    const script = netemScript({ spec: seed003, handle: '5e1a', endEpochSeconds: 1_800_000_000.9 });
    const lines = script.split('\n');
    expect(lines.slice(0, 3)).toEqual(['set -u', 'END=1800000000', 'HANDLE=5e1a']);
    // The interface of the default route, IPv4 then IPv6, else the first one up but lo.
    expect(script).toContain('ip -o -4 route show default');
    expect(script).toContain('ip -o -6 route show default');
    expect(script).toContain(`ip -o link show up 2>/dev/null | awk -F': ' '$2 != "lo"`);
    expect(script).not.toMatch(/eth0/);
    expect(lines).toContain(
      'if ! OUT=$(tc qdisc add dev "$IF" root handle "$HANDLE": netem delay 1500ms 150ms 25% limit 24750 2>&1); then',
    );
    expect(script).not.toMatch(/qdisc (replace|change)/);
    expect(lines).toContain('trap remove EXIT');
    expect(lines).toContain(`trap 'exit 0' TERM INT HUP`);
    expect(lines).toContain(
      'remove() { if ours; then tc qdisc del dev "$IF" root && echo "simian-netem: removed from $IF"; fi; }',
    );
    expect(lines).toContain(
      'ours() { tc qdisc show dev "$IF" 2>/dev/null | grep -q "^qdisc netem $HANDLE: root"; }',
    );
    expect(lines.at(-1)).toBe('while [ "$(date +%s)" -lt "$END" ]; do sleep 1; done');
    // Nothing is injected once the expiry has passed.
    expect(lines.indexOf('trap remove EXIT')).toBeGreaterThan(
      lines.findIndex((l) => l.includes('the expiry passed before the start')),
    );
  });

  it("the clearing script removes the qdisc with the fault's handle, and nothing else", () => {
    const lines = netemClearScript('5e1a').split('\n');
    expect(lines.at(-1)).toBe(
      'if ours; then remove; else echo "simian-netem: no qdisc $HANDLE on $IF; nothing to remove"; fi',
    );
    expect(() => netemClearScript('5e1a; rm -rf /')).toThrow(/not safe/);
  });

  it('the ephemeral container: NET_ADMIN only, not privileged, no escalation', () => {
    const c = netemEphemeralContainer('simian-netem-abc', 'img', 'echo hi');
    expect(c).toEqual({
      name: 'simian-netem-abc',
      image: 'img',
      imagePullPolicy: 'IfNotPresent',
      command: ['/bin/sh', '-c', 'echo hi'],
      securityContext: {
        privileged: false,
        allowPrivilegeEscalation: false,
        runAsUser: 0,
        runAsNonRoot: false,
        capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] },
      },
      terminationMessagePolicy: 'FallbackToLogsOnError',
    });
  });
});
