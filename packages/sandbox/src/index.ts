// @simian/sandbox: a real local target (etcd, kube-apiserver, kube-controller-manager,
// kube-scheduler, kwok and moto on loopback) and its seed estate. Test helpers live in
// @simian/testing.
// See docs/sandbox.md.
export { sandboxUp, type SandboxUpOptions, type SandboxUpResult } from './up.js';
export { sandboxDown, type SandboxDownResult } from './down.js';
export { sandboxStatus, type SandboxStatus, type ComponentStatus } from './status.js';
export { mintIdentity, type MintIdentityOptions, type SandboxIdentity } from './identity.js';
export {
  readSandboxState,
  type SandboxState,
  type SandboxPorts,
  type ProcessRecord,
  type ComponentName,
} from './state.js';
export { sandboxPaths, type SandboxPaths } from './paths.js';
export { criLogLine } from './kwok-config.js';
export {
  sandboxKubeConfig,
  sandboxAwsClientConfig,
  type SandboxClientOptions,
  type SandboxAwsClientConfig,
} from './clients.js';
export { ensureTools, readToolVersions, sandboxTools, type SandboxTool } from './toolchain.js';
export type { SandboxOptions, ProgressLog } from './options.js';
export {
  seedSandbox,
  seedSandbox as sandboxSeed,
  resetMoto,
  type SeedOptions,
  type SeedResult,
} from './seed.js';
export type { AwsSeedResult } from './seed-aws.js';
export { awsEstate, type AwsEstate } from './aws-estate.js';
export { kubernetesSeedDir } from './seed-kubernetes.js';
export { installCrds, readCrds, sandboxCrdGroups } from './crds.js';
