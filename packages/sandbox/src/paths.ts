import { join, resolve } from 'node:path';

/** Where one sandbox keeps its state. Everything lives under `<cwd>/.simian/sandbox/`. */
export interface SandboxPaths {
  /** The sandbox's folder, `<cwd>/.simian/sandbox`. */
  root: string;
  /** Pids, ports and versions of the running sandbox. */
  stateFile: string;
  /** The admin kubeconfig (`system:masters`). */
  kubeconfig: string;
  /** `AWS_ENDPOINT_URL` and credentials for the moto server, in `set -a; . aws.env` form. */
  awsEnv: string;
  /** Certificates, keys and the components' own kubeconfigs. */
  pki: string;
  /** Kubeconfigs written by {@link mintIdentity}. */
  identities: string;
  /** One log file per process. */
  logs: string;
  /** etcd's data directory. */
  etcdData: string;
  /**
   * What every container's log holds, in the CRI format a kubelet keeps (`<RFC 3339 time>
   * stdout F <line>`). kwok serves it for `pods/log`, reading it on each request, so a test can
   * append lines to it.
   */
  containerLog: string;
  /** The kube-apiserver's audit policy (written by `up`; see audit.ts). */
  auditPolicy: string;
  /**
   * The kube-apiserver's audit log, one JSON event a line: every mutating request at Metadata
   * level (verb, requestURI with its `dryRun` query, user, userAgent). Tests read it to prove that
   * a dry run wrote nothing.
   */
  auditLog: string;
  /** moto's request recorder file (`/moto-api/recorder/*`), off until a test starts it. */
  motoRecording: string;
}

/**
 * The paths of the sandbox that belongs to `cwd`. Two folders give two independent sandboxes,
 * which is how the tests start a second one without disturbing the first.
 * @param cwd the project folder. @default process.cwd()
 */
export function sandboxPaths(cwd: string = process.cwd()): SandboxPaths {
  const root = join(resolve(cwd), '.simian', 'sandbox');
  return {
    root,
    stateFile: join(root, 'state.json'),
    kubeconfig: join(root, 'kubeconfig'),
    awsEnv: join(root, 'aws.env'),
    pki: join(root, 'pki'),
    identities: join(root, 'identities'),
    logs: join(root, 'logs'),
    etcdData: join(root, 'etcd'),
    containerLog: join(root, 'container-logs', 'containers.log'),
    auditPolicy: join(root, 'audit', 'policy.yaml'),
    auditLog: join(root, 'audit', 'audit.log'),
    motoRecording: join(root, 'moto-recording.jsonl'),
  };
}
