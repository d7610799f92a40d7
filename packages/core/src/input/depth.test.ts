import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { bracketDepth, checkNesting, nestingDepth } from './depth.js';
import { boundedYamlValue } from './yaml-value.js';

describe('nesting bounds', () => {
  it('measures values and texts without recursing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(nestingDepth(deep)).toBe(100_000);
    expect(nestingDepth({ a: [1, { b: {} }] })).toBe(4);
    expect(bracketDepth('['.repeat(1_000_000))).toBe(1_000_000);
    expect(bracketDepth('{"a": "[[[[", "b": [1]}')).toBe(2);
  });

  it('refuses a text nested past the limit before it is parsed', () => {
    expect(() => checkNesting('plan file p.json', { text: '['.repeat(1000) })).toThrow(
      'plan file p.json: nested more than 64 levels deep',
    );
    expect(() => checkNesting('x', { text: '[[[]]]' })).not.toThrow();
  });
});

describe('boundedYamlValue', () => {
  it('refuses a billion-laughs alias bomb with a ConfigError naming the file', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from({ length: 8 }, (_, i) => {
        const prev = String.fromCharCode(97 + i);
        const name = String.fromCharCode(98 + i);
        return `${name}: &${name} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`;
      }),
    ].join('\n');
    const doc = parseDocument(bomb);
    expect(() => boundedYamlValue(doc, 'bomb.yaml')).toThrow(ConfigError);
    expect(() => boundedYamlValue(doc, 'bomb.yaml')).toThrow(/aliases .* expand to more than 100/);
  });

  it('reads a document with a few aliases as before', () => {
    const doc = parseDocument('base: &b {x: 1}\nuse: *b\n');
    expect(boundedYamlValue(doc, 'ok.yaml')).toEqual({ base: { x: 1 }, use: { x: 1 } });
  });

  it('refuses block nesting past the limit', () => {
    const text = Array.from({ length: 100 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    expect(() => boundedYamlValue(parseDocument(text), 'deep.yaml')).toThrow(
      'nested more than 64 levels deep',
    );
  });
});
