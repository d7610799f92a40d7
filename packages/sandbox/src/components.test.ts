import { describe, expect, it } from 'vitest';
import { pkiLayout } from './certs.js';
import {
  apiserverLaunch,
  controllerManagerLaunch,
  etcdLaunch,
  kwokLaunch,
  motoLaunch,
  schedulerLaunch,
  type ControlPlaneLayout,
} from './components.js';
import { sandboxPaths } from './paths.js';

const layout: ControlPlaneLayout = {
  paths: sandboxPaths('/p'),
  pki: pkiLayout('/p/.simian/sandbox/pki'),
  ports: {
    etcdClient: 1001,
    etcdPeer: 1002,
    apiserver: 1003,
    controllerManager: 1004,
    scheduler: 1005,
    kwok: 1006,
    moto: 1007,
  },
  tools: { etcd: '/t/etcd', kubernetes: '/t/k8s', kwok: '/t/kwok', moto: '/t/moto' },
};
const all = [
  etcdLaunch,
  apiserverLaunch,
  controllerManagerLaunch,
  schedulerLaunch,
  kwokLaunch,
  motoLaunch,
].map((f) => f(layout));

describe('component command lines', () => {
  it('listen and connect on loopback only', () => {
    // The issuer is a name inside tokens, not an address anything listens on or dials.
    const text = all
      .flatMap((spec) => spec.args.filter((a) => !a.startsWith('--service-account-issuer=')))
      .join(' ');
    const hosts = [...text.matchAll(/(?:https?:\/\/|address=|-H )([\d.a-z]+)/g)].map((m) => m[1]);
    expect(hosts.length).toBeGreaterThan(5);
    expect(new Set(hosts)).toEqual(new Set(['127.0.0.1']));
  });

  it('give the apiserver the flags a host with no default route and no kubelets needs', () => {
    expect(apiserverLaunch(layout).args).toEqual(
      expect.arrayContaining([
        '--advertise-address=127.0.0.1',
        '--endpoint-reconciler-type=none',
        '--authorization-mode=Node,RBAC',
        '--etcd-servers=http://127.0.0.1:1001',
        '--secure-port=1003',
      ]),
    );
  });

  it("send pod logs to kwok as every node's kubelet, by IP and verified", () => {
    const kwok = kwokLaunch(layout).args;
    expect(kwok).toEqual(
      expect.arrayContaining(['--server-address=127.0.0.1:1006', '--node-port=1006']),
    );
    expect(apiserverLaunch(layout).args).toEqual(
      expect.arrayContaining([
        '--kubelet-preferred-address-types=InternalIP',
        '--kubelet-certificate-authority=/p/.simian/sandbox/pki/ca.crt',
        '--kubelet-client-certificate=/p/.simian/sandbox/pki/apiserver-kubelet-client.crt',
      ]),
    );
  });

  it('run the controllers without leader election and with per-controller identities', () => {
    expect(controllerManagerLaunch(layout).args).toEqual(
      expect.arrayContaining([
        '--leader-elect=false',
        '--use-service-account-credentials=true',
        '--controllers=*',
      ]),
    );
    expect(schedulerLaunch(layout).args).toContain('--leader-elect=false');
    expect(kwokLaunch(layout).args).toContain('--manage-all-nodes=true');
    expect(etcdLaunch(layout).args).toContain('--unsafe-no-fsync');
  });

  it('write every log under the sandbox folder', () => {
    for (const spec of all) expect(spec.logFile.startsWith('/p/.simian/sandbox/logs/')).toBe(true);
  });
});
