import { ConfigError } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { chaosConfig } from './__fixtures__/chaos-context.js';

function issueOf(chaosYaml: string) {
  try {
    chaosConfig(chaosYaml);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).issues[0]!;
  }
  throw new Error('expected a ConfigError');
}

describe('chaos config', () => {
  it('refuses a recovery poll interval or timeout of 0s: a busy loop, not a wait', () => {
    const poll = issueOf('    recovery: { pollInterval: 0s }\n');
    expect(poll.path).toBe('monkeys.chaos.recovery.pollInterval');
    expect(poll.message).toContain('must be longer than 0s');
    expect(issueOf('    recovery: { timeout: 0ms }\n').path).toBe('monkeys.chaos.recovery.timeout');
  });
});
