import { DescribeAddressesCommand, type Address } from '@aws-sdk/client-ec2';
import { ec2Arn } from '../arn.js';
import { explainAwsError, isAwsNotFound } from '../errors.js';
import { tagsToRecord } from '../plain.js';
import { addressViews } from '../views/address.js';
import type { AwsScope } from '../scope.js';
import { abortOption, awsResource, placeOf, defineAwsKind } from './kind.js';

const toResource = (scope: AwsScope, account: string, address: Address) =>
  awsResource(placeOf(scope, account), {
    kind: 'Address',
    id: address.AllocationId!,
    arn: ec2Arn(scope.region, account, 'elastic-ip', address.AllocationId!),
    tags: tagsToRecord(address.Tags),
    views: addressViews(address),
    raw: address,
  });

const listActions = ['ec2:DescribeAddresses'];

/**
 * Elastic IP addresses (VPC allocations; `raw.AssociationId` is absent when one is unused).
 * DescribeAddresses has no pagination: one call returns them all.
 */
export const addressKind = defineAwsKind({
  kind: 'Address',
  service: 'ec2',
  listActions,
  async list(scope, { signal }) {
    const account = await scope.account();
    try {
      const answer = await scope.ec2.send(new DescribeAddressesCommand({}), abortOption(signal));
      return (answer.Addresses ?? [])
        .filter((a) => a.AllocationId)
        .map((a) => toResource(scope, account, a));
    } catch (error) {
      throw explainAwsError(
        error,
        { scope, call: 'DescribeAddresses', what: 'Elastic IP addresses', iamActions: listActions },
        'target',
      );
    }
  },
  async read(scope, id, signal) {
    const account = await scope.account();
    try {
      const answer = await scope.ec2.send(
        new DescribeAddressesCommand({ AllocationIds: [id] }),
        abortOption(signal),
      );
      const address = answer.Addresses?.[0];
      return address ? toResource(scope, account, address) : undefined;
    } catch (error) {
      if (isAwsNotFound(error)) return undefined;
      throw explainAwsError(
        error,
        { scope, call: 'DescribeAddresses', what: `address ${id}`, iamActions: listActions },
        'target',
      );
    }
  },
});
