import {
  DescribeLaunchTemplateVersionsCommand,
  DescribeLaunchTemplatesCommand,
  paginateDescribeLaunchTemplates,
  type LaunchTemplate,
} from '@aws-sdk/client-ec2';
import type { Resource } from '@simian/core';
import { ec2Arn } from '../arn.js';
import { explainAwsError, isAwsNotFound } from '../errors.js';
import { tagsToRecord } from '../plain.js';
import type { AwsScope } from '../scope.js';
import { launchSpecViews } from '../views/launch-spec.js';
import { abortOption, awsResource, clampPageSize, defineAwsKind, placeOf } from './kind.js';

const listActions = ['ec2:DescribeLaunchTemplates', 'ec2:DescribeLaunchTemplateVersions'];

/** The images of a template's default and latest versions (what launches use unless pinned). */
async function imagesOf(scope: AwsScope, id: string, signal?: AbortSignal): Promise<string[]> {
  const answer = await scope.ec2.send(
    new DescribeLaunchTemplateVersionsCommand({
      LaunchTemplateId: id,
      Versions: ['$Default', '$Latest'],
    }),
    abortOption(signal),
  );
  return (answer.LaunchTemplateVersions ?? []).flatMap((v) =>
    v.LaunchTemplateData?.ImageId ? [v.LaunchTemplateData.ImageId] : [],
  );
}

async function toResource(
  scope: AwsScope,
  account: string,
  t: LaunchTemplate,
  signal?: AbortSignal,
): Promise<Resource> {
  return awsResource(placeOf(scope, account), {
    kind: 'LaunchTemplate',
    id: t.LaunchTemplateId!,
    arn: ec2Arn(scope.region, account, 'launch-template', t.LaunchTemplateId!),
    tags: tagsToRecord(t.Tags),
    createdAt: t.CreateTime,
    views: launchSpecViews(await imagesOf(scope, t.LaunchTemplateId!, signal)),
    raw: t,
  });
}

const explain = (error: unknown, scope: AwsScope, what: string) =>
  explainAwsError(
    error,
    { scope, call: 'DescribeLaunchTemplates', what, iamActions: listActions },
    'target',
  );

/**
 * Launch templates, each with the images its default and latest versions launch: an image a
 * template names is in use. One DescribeLaunchTemplateVersions per template, bounded by the
 * scope's concurrency.
 */
export const launchTemplateKind = defineAwsKind({
  kind: 'LaunchTemplate',
  service: 'ec2',
  listActions,
  async list(scope, { signal }) {
    const account = await scope.account();
    try {
      const templates: LaunchTemplate[] = [];
      const pages = paginateDescribeLaunchTemplates(
        {
          client: scope.ec2,
          pageSize: clampPageSize(scope.settings.pageSize, 1, 200),
          ...abortOption(signal),
        },
        {},
      );
      for await (const page of pages) templates.push(...(page.LaunchTemplates ?? []));
      return await Promise.all(
        templates.map((t) => scope.semaphore.run(() => toResource(scope, account, t, signal))),
      );
    } catch (error) {
      throw explain(error, scope, 'launch templates');
    }
  },
  async read(scope, id, signal) {
    const account = await scope.account();
    try {
      const answer = await scope.ec2.send(
        new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [id] }),
        abortOption(signal),
      );
      const t = answer.LaunchTemplates?.[0];
      return t ? await toResource(scope, account, t, signal) : undefined;
    } catch (error) {
      if (isAwsNotFound(error)) return undefined;
      throw explain(error, scope, `launch template ${id}`);
    }
  },
});
