/**
 * The kinds a Simian fault can live on in a cluster: the reaper, `simian faults list` and
 * `simian faults clear` look for fault stamps on these (by label, server-side). A custom kind
 * whose CRD is not installed is skipped: no fault can be there. A new fault backend adds its kind
 * here, one line.
 */
export const FAULT_KINDS: readonly string[] = [
  // A deny policy that cuts a service off (its own object; removed by deleting it).
  'NetworkPolicy',
  // Chaos Mesh's network fault (its own object, with Chaos Mesh's own `duration`).
  'chaos-mesh.org/v1alpha1/NetworkChaos',
  // Istio fault injection: an existing VirtualService patched (restored) or one of our own.
  'networking.istio.io/v1/VirtualService',
  // tc netem from an ephemeral container, which removes it itself at the expiry.
  'Pod',
];
