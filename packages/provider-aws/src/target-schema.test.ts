import { describe, expect, it } from 'vitest';
import { awsTargetSchema } from './target-schema.js';

describe('targets.aws', () => {
  it('needs a region and fills defaults', () => {
    expect(awsTargetSchema.parse([{ region: 'eu-west-1' }])).toEqual([
      { region: 'eu-west-1', maxAttempts: 5 },
    ]);
    expect(awsTargetSchema.safeParse([{}]).success).toBe(false);
    expect(awsTargetSchema.safeParse([{ region: 'Europe' }]).success).toBe(false);
  });

  it('rejects unknown keys', () => {
    expect(awsTargetSchema.safeParse([{ region: 'eu-west-1', rolearn: 'x' }]).success).toBe(false);
  });

  it('checks role ARNs, account ids and endpoints', () => {
    expect(
      awsTargetSchema.safeParse([
        {
          region: 'us-east-1',
          roleArn: 'arn:aws:iam::210987654321:role/simian',
          accountId: '210987654321',
          endpoint: 'http://127.0.0.1:5000',
        },
      ]).success,
    ).toBe(true);
    expect(awsTargetSchema.safeParse([{ region: 'us-east-1', roleArn: 'simian' }]).success).toBe(
      false,
    );
    expect(awsTargetSchema.safeParse([{ region: 'us-east-1', accountId: '12' }]).success).toBe(
      false,
    );
    expect(awsTargetSchema.safeParse([{ region: 'us-east-1', externalId: 'x' }]).success).toBe(
      false,
    );
  });
});
