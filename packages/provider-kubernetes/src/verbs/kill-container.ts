import { randomBytes } from 'node:crypto';
import { ActionFailedError } from '@simian/core';
import { z } from 'zod';
import { explainKubeError } from '../errors.js';
import { rbacPermission, resourcePath, type KubeObject } from '../kinds/kind.js';
import { defineVerb, dryRunQuery } from './verb.js';

interface PodSpec {
  containers?: Array<{ name: string }>;
  ephemeralContainers?: Array<{ name: string }>;
}

/**
 * `kill-container`: adds an ephemeral container that shares the target container's process
 * namespace (`targetContainerName`) and runs `kill -<signal> 1`.
 *
 * Honest limits: the kernel delivers a signal sent from inside a PID namespace to that namespace's
 * PID 1 only if the process installed a handler for it, so SIGKILL never works this way and SIGTERM
 * works for servers that handle it (most do). Ephemeral containers cannot be removed; each kill
 * adds one to the pod spec. On kwok's fake nodes the API accepts the container but nothing runs it.
 */
export const killContainerVerb = defineVerb({
  verb: 'kill-container',
  description:
    'Adds an ephemeral container targeting one container (targetContainerName) that runs `kill -<signal> 1`. Works when the target process handles the signal; SIGKILL cannot reach a namespace init this way.',
  params: z.strictObject({
    /** @default "TERM" */
    signal: z
      .string()
      .regex(/^(SIG)?[A-Z0-9]+$/, 'a signal name such as TERM or INT, or a number')
      .default('TERM'),
    /** @default the pod's first container */
    container: z.string().min(1).optional(),
    /** An image with a `kill` command. @default "busybox:1.36" */
    image: z.string().min(1).default('busybox:1.36'),
  }),
  appliesTo: (kind) => kind.kind === 'Pod',
  permissions: (kind) => [
    rbacPermission(kind, ['get']),
    rbacPermission(kind, ['patch'], 'ephemeralcontainers'),
  ],
  async run({ cluster, kind, ref, dryRun, signal: abort }, params) {
    const namespace = ref.namespace!;
    const op = { context: cluster.name, kind, namespace, name: ref.name, action: 'kill-container' };
    let pod: KubeObject & { spec?: PodSpec };
    try {
      pod = await cluster.client.call({
        method: 'GET',
        path: resourcePath(kind, { namespace, name: ref.name }),
        ...(abort ? { signal: abort } : {}),
      });
    } catch (error) {
      throw explainKubeError(error, { ...op, rbacVerb: 'get' }, 'action');
    }
    const containers = pod.spec?.containers?.map((c) => c.name) ?? [];
    const target = params.container ?? containers[0];
    if (!target || !containers.includes(target)) {
      throw new ActionFailedError(
        `kubernetes (context ${cluster.name}): pod ${namespace}/${ref.name} has no container "${params.container ?? ''}"`,
        { hint: `its containers are: ${containers.join(', ') || 'none'}` },
      );
    }
    const sig = params.signal.replace(/^SIG/, '');
    const name = `simian-kill-${randomBytes(3).toString('hex')}`;
    try {
      await cluster.client.call({
        method: 'PATCH',
        path: resourcePath(kind, { namespace, name: ref.name, subresource: 'ephemeralcontainers' }),
        query: dryRunQuery(dryRun),
        contentType: 'application/strategic-merge-patch+json',
        body: {
          spec: {
            ephemeralContainers: [
              {
                name,
                image: params.image,
                imagePullPolicy: 'IfNotPresent',
                command: ['kill', `-${sig}`, '1'],
                targetContainerName: target,
                terminationMessagePolicy: 'File',
              },
            ],
          },
        },
        ...(abort ? { signal: abort } : {}),
      });
    } catch (error) {
      throw explainKubeError(
        error,
        { ...op, rbacVerb: 'patch', subresource: 'ephemeralcontainers' },
        'action',
      );
    }
    return { ephemeralContainer: name, targetContainer: target, signal: sig };
  },
});
