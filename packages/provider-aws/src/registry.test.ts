import { describe, expect, it } from 'vitest';
import { awsProvider } from './factory.js';
import { awsKinds } from './kinds/index.js';
import { awsVerbs } from './verbs/index.js';

// Meta-tests over the kind and verb registries (docs/architecture.md, "Where to add").
describe('the AWS registries', () => {
  it('every kind declares the IAM actions listing it needs', () => {
    for (const kind of awsProvider.kinds) {
      expect(kind.permissions[0]).toMatchObject({ kind: 'iam' });
      expect(
        (kind.permissions[0] as { actions: string[] }).actions.length,
        kind.kind,
      ).toBeGreaterThan(0);
    }
  });

  it('every verb names a known kind, has a strict params schema and IAM actions', () => {
    const kinds = new Set(awsKinds.map((k) => k.kind));
    const seen = new Set<string>();
    for (const verb of awsVerbs) {
      expect(kinds.has(verb.kind), verb.kind).toBe(true);
      expect(
        seen.has(`${verb.verb}/${verb.kind}`),
        `${verb.verb} ${verb.kind} is declared twice`,
      ).toBe(false);
      seen.add(`${verb.verb}/${verb.kind}`);
      const def = (
        verb.params as unknown as {
          _zod: { def: { catchall?: { _zod: { def: { type: string } } } } };
        }
      )._zod.def;
      expect(def.catchall?._zod.def.type, `${verb.verb} ${verb.kind}`).toBe('never');
      expect(verb.iamActions.length).toBeGreaterThan(0);
    }
  });

  it("every kind can be marked and unmarked; the issue's verbs exist", () => {
    // Region settings are no resources: they have no tags to mark.
    expect(awsKinds.filter((k) => k.taggable === false).map((k) => k.kind)).toEqual([
      'EbsEncryptionByDefault',
    ]);
    for (const k of awsKinds.filter((k) => k.taggable !== false)) {
      expect(seenVerb('mark', k.kind)).toBe(true);
      expect(seenVerb('unmark', k.kind)).toBe(true);
    }
    for (const [verb, kind] of [
      ['terminate', 'Instance'],
      ['stop', 'Instance'],
      ['reboot', 'Instance'],
      ['delete', 'Volume'],
      ['delete', 'Snapshot'],
      ['delete', 'SecurityGroup'],
      ['delete', 'Bucket'],
      ['deregister', 'Image'],
      ['release', 'Address'],
    ] as const) {
      expect(seenVerb(verb, kind), `${verb} ${kind}`).toBe(true);
    }
  });
});

const seenVerb = (verb: string, kind: string) =>
  awsVerbs.some((v) => v.verb === verb && v.kind === kind);
