import { SimianError } from '@simian/core';
import { z } from 'zod';

/** The arguments chaostoolkit-kubernetes' custom object functions share, plus Simian's `kind`. */
export const customObjectArguments = {
  group: z.string().min(1),
  version: z.string().min(1),
  /** The resource's plural (`networkchaos`); kept for compatibility, the server's own is used. */
  plural: z.string().min(1),
  /**
   * The object's kind (`NetworkChaos`). Simian addresses custom resources by kind, and reads it
   * from `resource.kind` when creating; deleting needs it here. @default resource.kind
   */
  kind: z.string().min(1).nullish(),
  /** @default "default" */
  ns: z.string().min(1).default('default'),
};

/** The kind of a custom resource as Simian names it: `chaos-mesh.org/v1alpha1/NetworkChaos`. */
export function customKind(
  fn: string,
  args: { group: string; version: string; plural: string; kind?: string | null | undefined },
  fromResource?: unknown,
): string {
  const kind = args.kind ?? (typeof fromResource === 'string' ? fromResource : undefined);
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
