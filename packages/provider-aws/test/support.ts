import { createLogger, type Action, type Resource } from '@simian/core';
import { awsProvider, type AwsProvider, type AwsScopeConfig } from '../src/index.js';

/** A quiet logger for tests. */
export const logger = createLogger({ level: 'silent', format: 'json' });

/**
 * A provider over the sandbox's moto server. moto takes any credentials; the SDK's default chain
 * still wants some, so the test supplies moto's customary ones through the environment.
 */
export function motoProvider(endpoint: string, entry: Partial<AwsScopeConfig> = {}): AwsProvider {
  process.env.AWS_ACCESS_KEY_ID ??= 'testing';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'testing';
  const config = awsProvider.targetSchema.parse([{ region: 'us-east-1', endpoint, ...entry }]);
  return awsProvider.create(config, { logger, configDir: process.cwd() });
}

let seq = 0;
/** An action on `resource`, as a monkey would plan it. */
export function actionOn(
  resource: Pick<Resource, 'ref' | 'kind' | 'name' | 'region' | 'context'>,
  verb: string,
  params?: Record<string, unknown>,
): Action {
  return {
    id: `a${++seq}`,
    monkey: 'test',
    verb,
    resource: { ...resource, provider: 'aws', labels: {} },
    reason: 'test',
    reversible: false,
    ...(params ? { params } : {}),
  };
}
