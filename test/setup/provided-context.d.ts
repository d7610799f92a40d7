// What test/setup/sandbox.ts provides to the tests of the `sandbox` project: `inject('…')`.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The project folder whose `.simian/sandbox/` holds the running sandbox. */
    sandboxCwd: string;
    /** The sandbox's admin kubeconfig (system:masters). */
    sandboxKubeconfig: string;
    /** The moto server's endpoint, e.g. `http://127.0.0.1:41234`. */
    sandboxAwsEndpoint: string;
  }
}
