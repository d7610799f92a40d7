import { describe, expect, it } from 'vitest';
import { principalArn } from './permissions.js';

describe('principalArn', () => {
  it('turns an assumed-role session into its role', () => {
    expect(principalArn('arn:aws:sts::123456789012:assumed-role/simian/session-1')).toBe(
      'arn:aws:iam::123456789012:role/simian',
    );
  });

  it('keeps users, and maps an STS user ARN to IAM', () => {
    expect(principalArn('arn:aws:iam::123456789012:user/jane')).toBe(
      'arn:aws:iam::123456789012:user/jane',
    );
    expect(principalArn('arn:aws:sts::123456789012:user/moto')).toBe(
      'arn:aws:iam::123456789012:user/moto',
    );
  });

  it('cannot simulate the root user or a non-ARN', () => {
    expect(principalArn('arn:aws:iam::123456789012:root')).toBeUndefined();
    expect(principalArn('nobody')).toBeUndefined();
  });
});
