import type { Permission } from '@simian/core';
import type { AwsTargetConfig } from './target-schema.js';

/**
 * What the AWS provider itself needs under `targets.aws`, whatever the monkeys do: reading each
 * region's kill-switch parameter (`ssm:GetParameter` on that parameter only).
 */
export function awsRuntimePermissions(config: AwsTargetConfig): Permission[] {
  return config.flatMap((entry): Permission[] => {
    const name = entry.killSwitchParameter;
    if (!name) return [];
    const account = entry.accountId ?? '*';
    const path = name.startsWith('/') ? name.slice(1) : name;
    return [
      {
        kind: 'iam',
        actions: ['ssm:GetParameter'],
        resources: [`arn:aws:ssm:${entry.region}:${account}:parameter/${path}`],
      },
    ];
  });
}
