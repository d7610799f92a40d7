import { describe, expect, it } from 'vitest';
import { isNotImplemented } from './terminate-instance.js';

const failure = (name: string, message: string, status: number) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('isNotImplemented', () => {
  it('recognises endpoints that lack a call', () => {
    expect(isNotImplemented(failure('NotImplemented', 'x', 501))).toBe(true);
    expect(isNotImplemented(failure('InvalidAction', 'x', 400))).toBe(true);
    expect(
      isNotImplemented(
        failure(
          'Error',
          'The TerminateInstanceInAutoScalingGroup action has not been implemented',
          500,
        ),
      ),
    ).toBe(true);
    expect(
      isNotImplemented(failure('Error', '@aws-sdk XML parse error: mismatched tags <html>', 500)),
    ).toBe(true);
  });

  it('leaves real failures alone', () => {
    expect(isNotImplemented(failure('AccessDenied', 'no', 403))).toBe(false);
    expect(isNotImplemented(failure('ScalingActivityInProgress', 'busy', 400))).toBe(false);
    expect(isNotImplemented(failure('InternalFailure', 'boom', 500))).toBe(false);
  });
});
