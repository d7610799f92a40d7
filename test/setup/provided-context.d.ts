// What test/setup/sandbox.ts provides to the tests of the `sandbox` project: `inject('…')`, each
// file's values those of its lane's sandbox (test/setup/sandbox-lane.ts).
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * The folder whose `.simian/sandbox/` holds the running sandbox of this file's lane: the
     * project folder (or SIMIAN_SANDBOX_CWD) in lane 1, `<it>/.simian/lanes/<k>` in lane k.
     */
    sandboxCwd: string;
    /** The sandbox's admin kubeconfig (system:masters). */
    sandboxKubeconfig: string;
    /** The moto server's endpoint, e.g. `http://127.0.0.1:41234`. */
    sandboxAwsEndpoint: string;
    /** Every lane's folder, lane 1 first (for test/setup/sandbox-lane.ts). */
    sandboxLanes: string[];
    /** This test run's id, which marks the lanes it readied (test/setup/lanes.ts). */
    sandboxRun: string;
  }
}
