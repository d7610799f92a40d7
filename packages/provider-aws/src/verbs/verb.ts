import type { Action, Logger } from '@simian/core';
import type { z } from 'zod';
import { awsErrorName, explainAwsError } from '../errors.js';
import type { AwsScope } from '../scope.js';

/** What a verb gets to work with. */
export interface AwsVerbContext {
  scope: AwsScope;
  /** The id the API takes (`i-0abc`, a bucket name, a group name). */
  id: string;
  arn: string;
  action: Action;
  dryRun: boolean;
  signal?: AbortSignal;
  logger: Logger;
}

/**
 * One verb on one AWS kind, whole in one declaration: parameters (a strict schema), the IAM
 * actions it needs, how dry-run works for it, and how it runs.
 */
export interface AwsVerb<P extends z.ZodType = z.ZodType> {
  verb: string;
  kind: string;
  description: string;
  params: P;
  iamActions: string[];
  /**
   * `api`: the call is made with the API's own dry-run (EC2 `DryRun: true`).
   * `checks`: the API has none (S3, Auto Scaling): read-only checks run and nothing is changed.
   */
  dryRun: 'api' | 'checks';
  run(context: AwsVerbContext, params: z.output<P>): Promise<Record<string, unknown>>;
}

/** Declares a verb with its parameter type inferred. */
export const defineAwsVerb = <P extends z.ZodType>(verb: AwsVerb<P>): AwsVerb<P> => verb;

/**
 * Makes an EC2 call with `DryRun` set in dry-run. EC2 answers a dry run that would have
 * succeeded with a `DryRunOperation` error, and one that would not with the real error
 * (`UnauthorizedOperation`, `InvalidVolume.NotFound`, ...), so dry-run checks permissions and
 * state without changing anything.
 */
export async function ec2Call(
  context: AwsVerbContext,
  call: string,
  iamActions: string[],
  send: (dryRun: boolean) => Promise<unknown>,
): Promise<{ dryRun?: true }> {
  try {
    await send(context.dryRun);
  } catch (error) {
    if (context.dryRun && awsErrorName(error) === 'DryRunOperation') return { dryRun: true };
    throw explainAwsError(
      error,
      { scope: context.scope, call, what: context.arn, iamActions, resourceArn: context.arn },
      'action',
    );
  }
  if (context.dryRun) {
    // An endpoint that ignores DryRun has just done it for real: say so loudly rather than pretend.
    context.logger.error(
      { call, ref: context.arn },
      'the endpoint ignored DryRun and carried out the call',
    );
    return {};
  }
  return {};
}

/** The SDK's abort option for a call. */
export const abortOf = (context: AwsVerbContext): { abortSignal?: AbortSignal } =>
  context.signal ? { abortSignal: context.signal } : {};
