import { randomBytes } from 'node:crypto';
import { ActionFailedError, type FaultStamp } from '@simian/core';
import { z } from 'zod';
import { explainKubeError } from '../errors.js';
import { resourcePath, type KubeObject } from '../kinds/kind.js';
import { buildRef } from '../ref.js';
import { dryRunQuery, type VerbContext } from '../verbs/verb.js';
import {
  netemClearScript,
  netemEphemeralContainer,
  netemHandle,
  netemQdiscArgs,
  netemScript,
  NETEM_EXIT,
  type NetemSpec,
} from './netem-script.js';
import { recoveryOf, stampMetadata, unstampMetadata } from './stamp.js';

/** The ephemeral container that carries the fault, for `remove-fault` and people. */
export const NETEM_CONTAINER_KEY = 'faults.simian.dev/netem-container';
/** The qdisc handle the fault's qdisc carries. */
export const NETEM_HANDLE_KEY = 'faults.simian.dev/netem-handle';
/** The image the fault's container ran, for the clearing container. */
export const NETEM_IMAGE_KEY = 'faults.simian.dev/netem-image';

const NETEM_KEYS = [NETEM_CONTAINER_KEY, NETEM_HANDLE_KEY, NETEM_IMAGE_KEY];

/** A netem fault on a pod's egress. */
export const netemFaultSchema = z.strictObject({
  delayMs: z.int().min(0),
  jitterMs: z.int().min(0).optional(),
  correlationPercent: z.number().min(0).max(100).optional(),
  lossPercent: z.number().min(0).max(100).optional(),
  /** @default 10000 */
  expectedPacketsPerSecond: z.int().min(1).default(10_000),
  /** An image with sh, ip, tc, awk and date. @default "nicolaka/netshoot:v0.13" */
  image: z.string().min(1).default('nicolaka/netshoot:v0.13'),
});
export type NetemFault = z.output<typeof netemFaultSchema>;

interface PodObject extends KubeObject {
  spec?: { ephemeralContainers?: Array<{ name: string }> };
  status?: {
    phase?: string;
    ephemeralContainerStatuses?: Array<{
      name: string;
      state?: { terminated?: { exitCode?: number }; running?: unknown };
    }>;
  };
}

const op = (context: VerbContext, rbacVerb: string, subresource?: string) => ({
  context: context.cluster.name,
  rbacVerb,
  kind: context.kind,
  namespace: context.ref.namespace,
  name: context.ref.name,
  action: context.action.verb,
  ...(subresource ? { subresource } : {}),
});

async function readPod(context: VerbContext): Promise<PodObject> {
  try {
    return await context.cluster.client.call<PodObject>({
      method: 'GET',
      path: resourcePath(context.kind, {
        namespace: context.ref.namespace,
        name: context.ref.name,
      }),
      ...(context.signal ? { signal: context.signal } : {}),
    });
  } catch (error) {
    throw explainKubeError(error, op(context, 'get'), 'action');
  }
}

async function patchMetadata(context: VerbContext, metadata: unknown): Promise<void> {
  try {
    await context.cluster.client.call({
      method: 'PATCH',
      path: resourcePath(context.kind, {
        namespace: context.ref.namespace,
        name: context.ref.name,
      }),
      query: dryRunQuery(context.dryRun),
      contentType: 'application/merge-patch+json',
      body: { metadata },
      ...(context.signal ? { signal: context.signal } : {}),
    });
  } catch (error) {
    throw explainKubeError(error, op(context, 'patch'), 'action');
  }
}

async function addEphemeralContainer(
  context: VerbContext,
  container: unknown,
  dryRun = context.dryRun,
): Promise<void> {
  try {
    await context.cluster.client.call({
      method: 'PATCH',
      path: resourcePath(context.kind, {
        namespace: context.ref.namespace,
        name: context.ref.name,
        subresource: 'ephemeralcontainers',
      }),
      query: dryRunQuery(dryRun),
      contentType: 'application/strategic-merge-patch+json',
      body: { spec: { ephemeralContainers: [container] } },
      ...(context.signal ? { signal: context.signal } : {}),
    });
  } catch (error) {
    throw explainKubeError(error, op(context, 'patch', 'ephemeralcontainers'), 'action');
  }
}

/**
 * Injects netem into the pod's network namespace through an ephemeral container (NET_ADMIN only)
 * that removes it itself at the expiry. The pod is stamped first (label and annotations, with the
 * container's name and the qdisc's handle), so the fault is listed even if the next call is the
 * last this process makes.
 */
export async function injectNetem(
  context: VerbContext,
  fault: NetemFault,
  stamp: FaultStamp,
): Promise<Record<string, unknown>> {
  const where = `kubernetes (context ${context.cluster.name}): ${buildRef(context.ref)}`;
  const pod = await readPod(context);
  if (recoveryOf(pod) !== 'unstamped') {
    throw new ActionFailedError(`${where} already carries a Simian fault`, {
      hint: 'one fault per pod at a time: wait for it to end, or `simian faults clear` it',
    });
  }
  if (pod.status?.phase !== 'Running') {
    throw new ActionFailedError(
      `${where} is not running (phase ${pod.status?.phase ?? 'unknown'})`,
    );
  }
  const handle = netemHandle(stamp.actionId);
  const name = `simian-netem-${randomBytes(3).toString('hex')}`;
  const endEpochSeconds = Math.floor(Date.parse(stamp.expiresAt) / 1000);
  const spec: NetemSpec = {
    delayMs: fault.delayMs,
    expectedPacketsPerSecond: fault.expectedPacketsPerSecond,
    ...(fault.jitterMs !== undefined ? { jitterMs: fault.jitterMs } : {}),
    ...(fault.correlationPercent !== undefined
      ? { correlationPercent: fault.correlationPercent }
      : {}),
    ...(fault.lossPercent !== undefined ? { lossPercent: fault.lossPercent } : {}),
  };
  const container = netemEphemeralContainer(
    name,
    fault.image,
    netemScript({ spec, handle, endEpochSeconds }),
  );
  // Admission (Pod Security above all) judges the container before the pod is stamped, so a
  // refusal leaves nothing behind.
  if (!context.dryRun) await addEphemeralContainer(context, container, true);
  await patchMetadata(
    context,
    stampMetadata(stamp, 'netem', {
      [NETEM_CONTAINER_KEY]: name,
      [NETEM_HANDLE_KEY]: handle,
      [NETEM_IMAGE_KEY]: fault.image,
    }),
  );
  try {
    await addEphemeralContainer(context, container);
  } catch (error) {
    await patchMetadata(context, unstampMetadata(NETEM_KEYS)).catch(() => undefined);
    throw error;
  }
  return {
    ephemeralContainer: name,
    qdiscHandle: handle,
    qdisc: netemQdiscArgs(spec).join(' '),
    endsAt: stamp.expiresAt,
  };
}

/**
 * Takes a netem fault off a pod from the ref alone. The fault's own container removes the qdisc
 * at the expiry; unless the node reports that container ended by itself (the script's own exit
 * codes), a clearing container removes the qdisc now, if it is still there. Then the stamp goes.
 * (Ephemeral containers cannot be deleted: each stays in the pod spec, ended.)
 */
export async function removeNetem(context: VerbContext): Promise<Record<string, unknown>> {
  const pod = await readPod(context);
  if (recoveryOf(pod) === 'unstamped') return { removed: false, alreadyRemoved: true };
  const annotations = pod.metadata?.annotations ?? {};
  const container = annotations[NETEM_CONTAINER_KEY];
  const handle = annotations[NETEM_HANDLE_KEY];
  const image = annotations[NETEM_IMAGE_KEY] ?? netemFaultSchema.shape.image.parse(undefined);
  const state = pod.status?.ephemeralContainerStatuses?.find((s) => s.name === container)?.state;
  const exit = state?.terminated?.exitCode;
  const endedByItself = exit !== undefined && Object.values(NETEM_EXIT).includes(exit as 0);
  // A stamp whose container never made it into the pod (a process that died in between).
  const added = pod.spec?.ephemeralContainers?.some((c) => c.name === container) ?? false;
  let cleared: string | undefined;
  if (added && !endedByItself && handle && pod.status?.phase === 'Running') {
    cleared = `simian-netem-clear-${randomBytes(3).toString('hex')}`;
    await addEphemeralContainer(
      context,
      netemEphemeralContainer(cleared, image, netemClearScript(handle)),
    );
  }
  await patchMetadata(context, unstampMetadata(NETEM_KEYS));
  return {
    removed: true,
    ...(container ? { faultContainer: container } : {}),
    ...(exit !== undefined ? { faultContainerExitCode: exit } : {}),
    ...(cleared ? { clearingContainer: cleared } : { endedByItself }),
  };
}
