import { SimianError } from '@simian/core';
import { z } from 'zod';

/**
 * The kinds of the custom resources chaos experiments create and delete most, by
 * `plural.group`, so `delete_custom_object` and the crd probes find them from the arguments
 * chaostoolkit-kubernetes takes (it addresses custom resources by plural; Simian by kind).
 */
export const KNOWN_CUSTOM_KINDS: Readonly<Record<string, string>> = {
  'networkchaos.chaos-mesh.org': 'NetworkChaos',
  'podchaos.chaos-mesh.org': 'PodChaos',
  'stresschaos.chaos-mesh.org': 'StressChaos',
  'iochaos.chaos-mesh.org': 'IOChaos',
  'timechaos.chaos-mesh.org': 'TimeChaos',
  'kernelchaos.chaos-mesh.org': 'KernelChaos',
  'dnschaos.chaos-mesh.org': 'DNSChaos',
  'httpchaos.chaos-mesh.org': 'HTTPChaos',
  'jvmchaos.chaos-mesh.org': 'JVMChaos',
  'podnetworkchaos.chaos-mesh.org': 'PodNetworkChaos',
  'schedules.chaos-mesh.org': 'Schedule',
  'workflows.chaos-mesh.org': 'Workflow',
  'virtualservices.networking.istio.io': 'VirtualService',
  'destinationrules.networking.istio.io': 'DestinationRule',
  'gateways.networking.istio.io': 'Gateway',
  'chaosengines.litmuschaos.io': 'ChaosEngine',
  'policyreports.wgpolicyk8s.io': 'PolicyReport',
  'clusterpolicyreports.wgpolicyk8s.io': 'ClusterPolicyReport',
};

/** The kind for `plural.group`, when Simian knows it. */
export const knownKind = (group: string, plural: string): string | undefined =>
  KNOWN_CUSTOM_KINDS[`${plural.toLowerCase()}.${group}`];

/** The arguments chaostoolkit-kubernetes' custom object functions share, plus Simian's `kind`. */
export const customObjectArguments = {
  group: z.string().min(1),
  version: z.string().min(1),
  /** The resource's plural (`networkchaos`). */
  plural: z.string().min(1),
  /**
   * The object's kind (`NetworkChaos`). Simian addresses custom resources by kind: it knows the
   * kinds of Chaos Mesh, Istio and Litmus resources from their plural; for others, give it.
   * @default resource.kind, else the kind known for plural.group
   */
  kind: z.string().min(1).nullish(),
  /** @default "default" */
  ns: z.string().min(1).default('default'),
};

/**
 * Refuses, before the run, arguments whose kind Simian cannot tell: without it a deletion would
 * fail at run time and leave the object (a fault) in place.
 */
export const needsKnownKind = (a: { group: string; plural: string; kind?: string | null }) =>
  Boolean(a.kind) || knownKind(a.group, a.plural) !== undefined;
export const KIND_NEEDED = {
  message:
    'Simian addresses custom resources by kind and does not know the kind of this plural: add kind: <Kind> (the kind: field of its manifest)',
  path: ['kind'],
};

/** The kind of a custom resource as Simian names it: `chaos-mesh.org/v1alpha1/NetworkChaos`. */
export function customKind(
  fn: string,
  args: { group: string; version: string; plural: string; kind?: string | null | undefined },
  fromResource?: unknown,
): string {
  const kind =
    args.kind ??
    (typeof fromResource === 'string' ? fromResource : undefined) ??
    knownKind(args.group, args.plural);
  if (!kind) {
    throw new SimianError(
      'INPUT_INVALID',
      `${fn}: Simian needs the kind of ${args.plural}.${args.group} (it addresses custom resources by kind, not plural)`,
      {
        hint: `add the argument kind: <Kind>, e.g. the kind: field of the ${args.plural} manifest`,
      },
    );
  }
  return `${args.group}/${args.version}/${kind}`;
}
