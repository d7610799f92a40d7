import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { Registry } from '../registry.js';
import { deletingMonkey } from '@simian/testing';
import { parseConfigText } from './load.js';
import { configJsonSchema } from './schema.js';

const registry = () => new Registry().registerMonkey(deletingMonkey());

function issuesOf(text: string, env: NodeJS.ProcessEnv = {}) {
  try {
    parseConfigText(text, 'simian.yaml', registry(), { env });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

describe('config loading', () => {
  it('applies defaults: destructive-safe, business hours, kube-system protected', () => {
    const c = parseConfigText('version: 1\n', 'simian.yaml', registry(), { env: {} });
    expect(c.safety.protected.namespaces).toContain('kube-system');
    expect(c.safety.blastRadius.maxActionsPerRun).toBe(5);
    expect(c.store.path).toBe('.simian/simian.db');
    expect(c.safety.planMaxAge).toBe(3_600_000);
  });

  it('names the line and column of a bad cron and says what is allowed', () => {
    const text = [
      'version: 1',
      'monkeys:',
      '  test:',
      '    enabled: true',
      '    schedule:',
      '      cron: "61 * * * *"',
      '',
    ].join('\n');
    const [issue] = issuesOf(text);
    expect(issue!.path).toBe('monkeys.test.schedule.cron');
    expect(issue!.position).toEqual({ file: 'simian.yaml', line: 6, column: 13 });
    expect(issue!.message).toContain('minute 61 (allowed 0-59)');
  });

  it('rejects a cron with the wrong number of fields', () => {
    const [issue] = issuesOf(
      'version: 1\nmonkeys:\n  test:\n    schedule:\n      cron: "* * * * * *"\n',
    );
    expect(issue!.message).toContain('has 6 fields');
  });

  it('names the line of an unknown key, pointing at the key itself', () => {
    const [issue] = issuesOf(
      'version: 1\nsafety:\n  blastRadius:\n    maxActionsPerRun: 2\n    maxActionPerRun: 3\n',
    );
    expect(issue!.path).toBe('safety.blastRadius.maxActionPerRun');
    expect(issue!.message).toContain('unknown key "maxActionPerRun"');
    expect(issue!.position?.line).toBe(5);
    expect(issue!.position?.column).toBe(5);
  });

  it('rejects an unknown key inside a monkey section', () => {
    const [issue] = issuesOf('version: 1\nmonkeys:\n  test:\n    enabld: true\n');
    expect(issue!.path).toBe('monkeys.test.enabld');
    expect(issue!.position?.line).toBe(4);
  });

  it('names the line of invalid YAML', () => {
    const [issue] = issuesOf('version: 1\nsafety:\n  scope: [a, b\n  protected: {}\n');
    expect(issue!.message).toMatch(/^invalid YAML/);
    expect(issue!.position?.line).toBeGreaterThanOrEqual(3);
  });

  it('says which value was given when a type is wrong', () => {
    const [issue] = issuesOf('version: 1\nsafety:\n  blastRadius:\n    maxGroupShare: "half"\n');
    expect(issue!.path).toBe('safety.blastRadius.maxGroupShare');
    expect(issue!.message).toContain('"half"');
    expect(issue!.position?.line).toBe(4);
  });

  it('reports a missing required field at its parent', () => {
    const [issue] = issuesOf('safety: {}\n');
    expect(issue!.path).toBe('version');
    expect(issue!.message).toMatch(/is required/);
  });

  it('interpolates ${ENV} and remembers the values as secrets to redact', () => {
    const c = parseConfigText(
      'version: 1\nsafety:\n  killSwitch:\n    env: ${KS}\n    file: ${KSF:-/tmp/kill}\n',
      'f.yaml',
      registry(),
      {
        env: { KS: 'MY_SWITCH' },
      },
    );
    expect(c.safety.killSwitch.env).toBe('MY_SWITCH');
    expect(c.safety.killSwitch.file).toBe('/tmp/kill');
    expect(c.source.secrets).toContain('MY_SWITCH');
  });

  it('never prints a value read from ${ENV} in a validation error: it quotes the ${ENV} as written', () => {
    const [issue] = issuesOf('version: 1\nsafety:\n  blastRadius:\n    maxGroupShare: ${SHARE}\n', {
      SHARE: 'hunter2-secret',
    });
    expect(issue!.path).toBe('safety.blastRadius.maxGroupShare');
    expect(issue!.message).toContain('but "${SHARE}" was given');
    expect(JSON.stringify(issue)).not.toContain('hunter2-secret');
  });

  it('keeps the system namespaces protected whatever protected.namespaces lists, even []', () => {
    const parse = (list: string) =>
      parseConfigText(
        `version: 1\nsafety:\n  protected:\n    namespaces: ${list}\n`,
        'simian.yaml',
        registry(),
        {
          env: {},
        },
      ).safety.protected.namespaces;
    expect(parse('[]')).toEqual(['kube-system', 'kube-public', 'kube-node-lease', 'simian-system']);
    expect(parse('[payments]')).toEqual([
      'kube-system',
      'kube-public',
      'kube-node-lease',
      'simian-system',
      'payments',
    ]);
  });

  it('refuses a kill switch nobody can engage: an empty env name or file path', () => {
    const [env] = issuesOf('version: 1\nsafety:\n  killSwitch:\n    env: ""\n');
    expect(env!.path).toBe('safety.killSwitch.env');
    expect(env!.message).toContain('an empty name is a kill switch nobody can engage');
    const [file] = issuesOf('version: 1\nsafety:\n  killSwitch:\n    file: ""\n');
    expect(file!.path).toBe('safety.killSwitch.file');
    expect(file!.message).toContain('an empty path is a kill switch nobody can engage');
  });

  it('names the variable and line when ${ENV} is not set', () => {
    const [issue] = issuesOf('version: 1\nsafety:\n  killSwitch:\n    env: ${NOPE}\n');
    expect(issue!.path).toBe('safety.killSwitch.env');
    expect(issue!.message).toContain('NOPE');
    expect(issue!.position?.line).toBe(4);
  });

  it('reports every problem at once', () => {
    const issues = issuesOf('version: 1\nfoo: 1\nsafety:\n  optOutLabel: 3\n');
    expect(issues.map((i) => i.path).sort()).toEqual(['foo', 'safety.optOutLabel']);
  });

  it('exports a JSON Schema that includes registered monkeys', () => {
    const schema = configJsonSchema(registry()) as {
      properties: Record<string, { properties?: Record<string, unknown> }>;
    };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['version', 'safety', 'monkeys', 'targets']),
    );
    expect(schema.properties.monkeys!.properties).toHaveProperty('test');
  });
});
