// Helpers for tests against the sandbox (a real kube-apiserver with kwok, and moto).
export {
  ALWAYS,
  createNamespace,
  isReady,
  kubeClients,
  livePods,
  podUids,
  uniqueName,
  waitFor,
  waitReady,
  workloadBody,
  type KubeClients,
  type TestWorkloadKind,
} from './kubernetes.js';
export {
  createTestAutoScalingGroups,
  useSandboxAwsCredentials,
  type TestGroupSpec,
} from './aws-groups.js';
export {
  isRead,
  startFaultProxy,
  writeProxiedKubeconfig,
  type FaultKind,
  type FaultProxy,
  type FaultProxyOptions,
  type ProxiedRequest,
} from './fault-proxy.js';
export { chromiumPath, launchChromium, watchPage, type PageProblems } from './chromium.js';
export { auditEventsSince, auditLogMark, isDryRunRequest, type AuditEvent } from './audit-log.js';
export {
  awsOperation,
  isReadOperation,
  startMotoRecording,
  stopMotoRecording,
  type AwsOperation,
  type RecordedAwsRequest,
} from './moto-recorder.js';
