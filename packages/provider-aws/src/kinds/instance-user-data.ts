import {
  DescribeInstanceAttributeCommand,
  paginateDescribeInstances,
  type Instance,
} from '@aws-sdk/client-ec2';
import type { Resource } from '@simian/core';
import { ec2Arn } from '../arn.js';
import { explainAwsError, isAwsNotFound } from '../errors.js';
import { tagsToRecord } from '../plain.js';
import type { AwsScope } from '../scope.js';
import { abortOption, awsResource, clampPageSize, defineAwsKind, placeOf } from './kind.js';

const listActions = ['ec2:DescribeInstances', 'ec2:DescribeInstanceAttribute'];

/**
 * The user data of each instance that has some (DescribeInstanceAttribute userData, one call per
 * instance, with the scope's bounded concurrency): raw is `{ InstanceId, UserData }`, UserData
 * base64 as AWS sends it. A kind of its own, not a field of `Instance`, so that only a monkey that
 * asks for it (the security monkey, looking for secrets) pays the calls and holds the text. Its
 * ref is `instance-user-data/<id>`; marking it tags the instance.
 */
export const instanceUserDataKind = defineAwsKind({
  kind: 'InstanceUserData',
  service: 'ec2',
  listActions,
  async list(scope, { signal }) {
    const account = await scope.account();
    const instances: Instance[] = [];
    try {
      const pages = paginateDescribeInstances(
        {
          client: scope.ec2,
          pageSize: clampPageSize(scope.settings.pageSize, 5, 1000),
          ...abortOption(signal),
        },
        {},
      );
      for await (const page of pages) {
        for (const reservation of page.Reservations ?? []) {
          for (const instance of reservation.Instances ?? []) {
            if (instance.InstanceId && instance.State?.Name !== 'terminated')
              instances.push(instance);
          }
        }
      }
    } catch (error) {
      throw explain(error, scope, 'DescribeInstances', 'instances');
    }
    const read = await Promise.all(
      instances.map((i) =>
        scope.semaphore.run(() => userData(scope, account, i.InstanceId!, i, signal)),
      ),
    );
    return read.filter((r): r is Resource => r !== undefined);
  },
  async read(scope, id, signal) {
    const account = await scope.account();
    try {
      return await userData(scope, account, id, undefined, signal);
    } catch (error) {
      if (isAwsNotFound((error as Error).cause ?? error)) return undefined;
      throw error;
    }
  },
});

async function userData(
  scope: AwsScope,
  account: string,
  id: string,
  instance: Instance | undefined,
  signal?: AbortSignal,
): Promise<Resource | undefined> {
  let value: string | undefined;
  try {
    const answer = await scope.ec2.send(
      new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'userData' }),
      abortOption(signal),
    );
    value = answer.UserData?.Value;
  } catch (error) {
    if (isAwsNotFound(error)) return undefined;
    throw explain(error, scope, 'DescribeInstanceAttribute', `the user data of instance ${id}`);
  }
  if (!value) return undefined;
  return awsResource(placeOf(scope, account), {
    kind: 'InstanceUserData',
    id,
    arn: ec2Arn(scope.region, account, 'instance-user-data', id),
    tags: tagsToRecord(instance?.Tags),
    raw: { InstanceId: id, UserData: value },
  });
}

function explain(error: unknown, scope: AwsScope, call: string, what: string) {
  return explainAwsError(error, { scope, call, what, iamActions: listActions }, 'target');
}
