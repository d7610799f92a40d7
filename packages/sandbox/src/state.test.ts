import { describe, expect, it } from 'vitest';
import { parseSandboxState, type SandboxState } from './state.js';

const valid: SandboxState = {
  format: 1,
  phase: 'ready',
  startedAt: '2026-11-23T10:00:00.000Z',
  ports: {
    etcdClient: 2379,
    etcdPeer: 2380,
    apiserver: 6443,
    controllerManager: 10257,
    scheduler: 10259,
    kwok: 10247,
    moto: 5000,
  },
  versions: { KUBERNETES_VERSION: 'v1.34.4' },
  processes: [
    { name: 'etcd', pid: 4242, executable: 'etcd', startTicks: 123, logFile: '/x/etcd.log' },
  ],
  apiserverUrl: 'https://127.0.0.1:6443',
  awsEndpoint: 'http://127.0.0.1:5000',
};
const text = (patch: object) => JSON.stringify({ ...valid, ...patch });

describe('parseSandboxState', () => {
  it('reads back what was written', () => {
    expect(parseSandboxState(JSON.stringify(valid))).toEqual(valid);
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['another format', text({ format: 2 }), /format is 2/],
    ['an unknown phase', text({ phase: 'up' }), /unknown phase/],
    ['a port out of range', text({ ports: { ...valid.ports, moto: 70000 } }), /ports.moto/],
    [
      'an unknown component',
      text({ processes: [{ ...valid.processes[0], name: 'kubelet' }] }),
      /processes\[0\].name/,
    ],
    ['pid 1', text({ processes: [{ ...valid.processes[0], pid: 1 }] }), /processes\[0\].pid/],
  ])('rejects %s, naming the file', (_, input, message) => {
    expect(() => parseSandboxState(input, '/p/state.json')).toThrow(message);
    expect(() => parseSandboxState(input, '/p/state.json')).toThrow(/\/p\/state.json/);
  });
});
