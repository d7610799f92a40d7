import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { awsErrorName, explainAwsError } from './errors.js';
import type { AwsScope } from './scope.js';

const ENGAGED = new Set(['engaged', 'true']);

/**
 * Why the scope's kill-switch parameter is engaged (its value is `engaged` or `true`), or
 * undefined when none is configured, the parameter does not exist, or it says anything else. A
 * failed read throws: core then treats the switch as engaged (fail closed).
 */
export async function readAwsKillSwitch(scope: AwsScope): Promise<string | undefined> {
  const name = scope.config.killSwitchParameter;
  if (!name) return undefined;
  let value: string | undefined;
  try {
    const answer = await scope.ssm.send(new GetParameterCommand({ Name: name }));
    value = answer.Parameter?.Value;
  } catch (error) {
    if (awsErrorName(error) === 'ParameterNotFound') return undefined;
    throw explainAwsError(
      error,
      {
        scope,
        call: 'GetParameter',
        what: `the kill-switch parameter ${name}`,
        iamActions: ['ssm:GetParameter'],
      },
      'target',
    );
  }
  if (!ENGAGED.has(value?.trim().toLowerCase() ?? '')) return undefined;
  return `SSM parameter ${name} in ${scope.name} is "${value}"`;
}
