import { z } from 'zod';
import { httpFaultSchema } from './http-fault.js';
import { netemFaultSchema } from './netem-fault.js';

/**
 * What a fault is (`params.fault` of `inject-fault`), one of:
 * - `object`: a fault that is an object of its own (a deny NetworkPolicy, a Chaos Mesh
 *   NetworkChaos, a VirtualService of Simian's), created at the action's ref and deleted to
 *   remove it. A Chaos Mesh experiment gets `spec.duration` ending at the fault's expiry.
 * - `httpFault`: Istio fault injection (delay, abort) on the HTTP routes of the VirtualService at
 *   the action's ref; the routes as they were are saved on it and restored to remove it.
 * - `netem`: tc netem in the network namespace of the Pod at the action's ref, from an ephemeral
 *   container with NET_ADMIN that removes it itself at the expiry.
 */
export const faultSchema = z.union([
  z.strictObject({ object: z.record(z.string(), z.unknown()) }),
  z.strictObject({ httpFault: httpFaultSchema }),
  z.strictObject({ netem: netemFaultSchema }),
]);
export type FaultParams = z.output<typeof faultSchema>;
