import { join } from 'node:path';
import type { SandboxPki } from './certs.js';
import type { SandboxPaths } from './paths.js';
import type { LaunchSpec } from './processes.js';
import type { SandboxPorts } from './state.js';

/** Bin folders of the built tools. */
export interface ToolDirs {
  etcd: string;
  kubernetes: string;
  kwok: string;
  moto: string;
}

/** Everything the command lines are made from. */
export interface ControlPlaneLayout {
  paths: SandboxPaths;
  pki: SandboxPki;
  ports: SandboxPorts;
  tools: ToolDirs;
}

/** The Service range; its first address is the `kubernetes` Service (see certs.ts). */
export const serviceClusterIpRange = '10.96.0.0/16';
/** kwok hands out pod IPs from here; a /16 leaves room for the 20,000-pod benchmark. */
export const podCidr = '10.244.0.1/16';

/**
 * The controller-manager's and scheduler's client limits. The defaults (20 and 50 requests per
 * second) make a 20,000-pod benchmark wait minutes for the scheduler to bind; kwokctl lifts them
 * for the same reason. The apiserver's own inflight limits and fairness still protect it.
 */
const clientRateLimits = ['--kube-api-qps=1000', '--kube-api-burst=2000'];

/** The kubeconfig each component uses to reach the apiserver, under the pki folder. */
export const componentKubeconfig = (
  pki: SandboxPki,
  user: 'controller-manager' | 'scheduler' | 'kwok',
) => join(pki.dir, `${user}.kubeconfig`);

const log = (paths: SandboxPaths, name: string) => join(paths.logs, `${name}.log`);

/** etcd on loopback only; fsync off because the data is disposable and disks are slow. */
export function etcdLaunch({ paths, ports, tools }: ControlPlaneLayout): LaunchSpec {
  const client = `http://127.0.0.1:${ports.etcdClient}`;
  const peer = `http://127.0.0.1:${ports.etcdPeer}`;
  return {
    name: 'etcd',
    command: join(tools.etcd, 'etcd'),
    args: [
      '--name=simian-sandbox',
      `--data-dir=${paths.etcdData}`,
      `--listen-client-urls=${client}`,
      `--advertise-client-urls=${client}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=simian-sandbox=${peer}`,
      '--unsafe-no-fsync',
      '--log-level=warn',
    ],
    logFile: log(paths, 'etcd'),
  };
}

/** kube-apiserver with client-certificate authentication and Node,RBAC authorization. */
export function apiserverLaunch({ paths, pki, ports, tools }: ControlPlaneLayout): LaunchSpec {
  return {
    name: 'kube-apiserver',
    command: join(tools.kubernetes, 'kube-apiserver'),
    args: [
      `--etcd-servers=http://127.0.0.1:${ports.etcdClient}`,
      '--bind-address=127.0.0.1',
      // Without it, a host with no default route cannot pick an address and the apiserver exits.
      '--advertise-address=127.0.0.1',
      `--secure-port=${ports.apiserver}`,
      `--tls-cert-file=${pki.apiserver.cert}`,
      `--tls-private-key-file=${pki.apiserver.key}`,
      `--client-ca-file=${pki.ca.cert}`,
      // The front-proxy identity: the other components read this CA to trust proxied requests.
      `--requestheader-client-ca-file=${pki.frontProxyCa.cert}`,
      '--requestheader-allowed-names=front-proxy-client',
      '--requestheader-username-headers=X-Remote-User',
      '--requestheader-group-headers=X-Remote-Group',
      '--requestheader-extra-headers-prefix=X-Remote-Extra-',
      `--proxy-client-cert-file=${pki.frontProxyClient.cert}`,
      `--proxy-client-key-file=${pki.frontProxyClient.key}`,
      '--authorization-mode=Node,RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${pki.serviceAccount.pub}`,
      `--service-account-signing-key-file=${pki.serviceAccount.key}`,
      `--service-cluster-ip-range=${serviceClusterIpRange}`,
      '--allow-privileged=true',
      // No kubelets or real endpoints: keep the `kubernetes` Service's endpoints out of the way.
      '--endpoint-reconciler-type=none',
      // Pod logs (and exec, port-forward) go to the node's kubelet: kwok's server, which every
      // fake node names as 127.0.0.1 and --node-port. A node's Hostname does not resolve.
      '--kubelet-preferred-address-types=InternalIP',
      `--kubelet-certificate-authority=${pki.ca.cert}`,
      `--kubelet-client-certificate=${pki.kubeletClient.cert}`,
      `--kubelet-client-key=${pki.kubeletClient.key}`,
      '--profiling=false',
      // Writes are audited so a test can prove dry-run on the server itself (see audit.ts).
      `--audit-policy-file=${paths.auditPolicy}`,
      `--audit-log-path=${paths.auditLog}`,
      '--audit-log-format=json',
      // Bounded: a 20,000-pod benchmark makes many writes (kwok's status updates among them).
      '--audit-log-maxsize=100',
      '--audit-log-maxbackup=1',
    ],
    logFile: log(paths, 'kube-apiserver'),
  };
}

/** kube-controller-manager: every default controller, one service account per controller. */
export function controllerManagerLaunch({
  paths,
  pki,
  ports,
  tools,
}: ControlPlaneLayout): LaunchSpec {
  const kubeconfig = componentKubeconfig(pki, 'controller-manager');
  return {
    name: 'kube-controller-manager',
    command: join(tools.kubernetes, 'kube-controller-manager'),
    args: [
      `--kubeconfig=${kubeconfig}`,
      `--authentication-kubeconfig=${kubeconfig}`,
      `--authorization-kubeconfig=${kubeconfig}`,
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
      `--secure-port=${ports.controllerManager}`,
      `--tls-cert-file=${pki.components.cert}`,
      `--tls-private-key-file=${pki.components.key}`,
      `--service-account-private-key-file=${pki.serviceAccount.key}`,
      `--root-ca-file=${pki.ca.cert}`,
      '--use-service-account-credentials=true',
      // Lets CertificateSigningRequests be approved and signed, as in a real cluster.
      `--cluster-signing-cert-file=${pki.ca.cert}`,
      `--cluster-signing-key-file=${pki.ca.key}`,
      `--service-cluster-ip-range=${serviceClusterIpRange}`,
      '--controllers=*',
      ...clientRateLimits,
      '--profiling=false',
    ],
    logFile: log(paths, 'kube-controller-manager'),
  };
}

/** kube-scheduler: kwok does not bind pods, so something must. */
export function schedulerLaunch({ paths, pki, ports, tools }: ControlPlaneLayout): LaunchSpec {
  const kubeconfig = componentKubeconfig(pki, 'scheduler');
  return {
    name: 'kube-scheduler',
    command: join(tools.kubernetes, 'kube-scheduler'),
    args: [
      `--kubeconfig=${kubeconfig}`,
      `--authentication-kubeconfig=${kubeconfig}`,
      `--authorization-kubeconfig=${kubeconfig}`,
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
      `--secure-port=${ports.scheduler}`,
      ...clientRateLimits,
      `--tls-cert-file=${pki.components.cert}`,
      `--tls-private-key-file=${pki.components.key}`,
      '--profiling=false',
    ],
    logFile: log(paths, 'kube-scheduler'),
  };
}

/**
 * kwok: plays kubelet for every Node, with its built-in stages (pods become Running and Ready).
 * Its server is also every node's kubelet endpoint, so `pods/log` reaches it through the apiserver.
 */
export function kwokLaunch({ paths, pki, ports, tools }: ControlPlaneLayout): LaunchSpec {
  return {
    name: 'kwok',
    command: join(tools.kwok, 'kwok'),
    args: [
      `--kubeconfig=${componentKubeconfig(pki, 'kwok')}`,
      // Written by up (see kwok-config.ts); a user's ~/.kwok/kwok.yaml must not change the sandbox.
      `--config=${join(paths.pki, 'kwok.yaml')}`,
      '--manage-all-nodes=true',
      `--cidr=${podCidr}`,
      '--node-ip=127.0.0.1',
      '--node-lease-duration-seconds=40',
      `--server-address=127.0.0.1:${ports.kwok}`,
      // Written into each Node's status.daemonEndpoints: where the apiserver finds the "kubelet".
      `--node-port=${ports.kwok}`,
      `--tls-cert-file=${pki.components.cert}`,
      `--tls-private-key-file=${pki.components.key}`,
      // INFO logs a line per pod transition: megabytes in a 20,000-pod benchmark.
      '--v=WARN',
    ],
    logFile: log(paths, 'kwok'),
  };
}

/** moto's server for EC2, Auto Scaling and S3, without the default AMIs (they bring snapshots). */
export function motoLaunch({ paths, ports, tools }: ControlPlaneLayout): LaunchSpec {
  return {
    name: 'moto',
    command: join(tools.moto, 'moto_server'),
    args: ['-H', '127.0.0.1', '-p', String(ports.moto)],
    // The recorder stays off until a test starts it (`/moto-api/recorder/start-recording`); its
    // file lives with the sandbox instead of in the current folder. (MOTO_ENABLE_RECORDING is not
    // set: moto reads any value, "False" too, as on.)
    env: { MOTO_EC2_LOAD_DEFAULT_AMIS: 'false', MOTO_RECORDER_FILEPATH: paths.motoRecording },
    logFile: log(paths, 'moto'),
  };
}
