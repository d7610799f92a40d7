import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tempDir } from '../test/support.js';
import { ManifestError } from './errors.js';
import { type SkippedDocument, loadManifests, parseManifests } from './manifests.js';

const M = join(FIXTURES, 'manifests');

describe('loadManifests', () => {
  it('reads every document of a multi-document file, with its line', async () => {
    const file = join(M, 'multi-doc.yaml');
    const resources = await loadManifests([file]);
    expect(resources.map((r) => [r.ref, r.source.line])).toEqual([
      [`manifest:${file}/a/ConfigMap/one`, 2],
      [`manifest:${file}/default/ConfigMap/two`, 10],
      [`manifest:${file}/_/ClusterRole/reader`, 14],
    ]);
    expect(resources[0]).toMatchObject({
      provider: 'kubernetes',
      kind: 'ConfigMap',
      name: 'one',
      namespace: 'a',
    });
    expect(resources[0]?.raw).toMatchObject({ data: { key: 'value' } });
    expect(resources[2]?.namespace).toBeUndefined();
  });

  it('expands List kinds, each item with its own line', async () => {
    const resources = await loadManifests([join(M, 'list.yaml')]);
    expect(resources.map((r) => `${r.kind}/${r.name}@${r.source.line}`)).toEqual([
      'Service/web@5',
      'Service/api@9',
    ]);
  });

  it('reads helm template output', async () => {
    const resources = await loadManifests([join(M, 'helm-template.yaml')]);
    expect(resources.map((r) => `${r.kind}/${r.name}`)).toEqual([
      'ServiceAccount/release-shop',
      'Service/release-shop',
    ]);
    expect(resources[1]?.labels).toEqual({ 'app.kubernetes.io/instance': 'release' });
  });

  it('walks directories for .yaml, .yml and .json, in name order, and skips other YAML', async () => {
    const skipped: SkippedDocument[] = [];
    const resources = await loadManifests([join(M, 'dir')], { onSkip: (s) => skipped.push(s) });
    expect(resources.map((r) => r.source.file)).toEqual([
      join(M, 'dir', 'deployment.yaml'),
      join(M, 'dir', 'nested', 'service.json'),
    ]);
    expect(skipped).toEqual([
      {
        file: join(M, 'dir', 'nested', 'values.yaml'),
        line: 2,
        reason: 'no apiVersion and kind: not a Kubernetes object',
      },
    ]);
  });

  it('reads stdin for -', async () => {
    const text = 'apiVersion: v1\nkind: Secret\nmetadata: { name: s, namespace: x }\n';
    const fromString = await loadManifests(['-'], { stdin: text });
    const fromStream = await loadManifests(['-'], { stdin: Readable.from([Buffer.from(text)]) });
    expect(fromString.map((r) => r.ref)).toEqual(['manifest:stdin/x/Secret/s']);
    expect(fromStream).toEqual(fromString);
  });

  it('names the file and line of bad YAML', async () => {
    // Written here rather than kept as a fixture, so that formatters and linters leave it alone.
    const file = join(tempDir('bad-yaml'), 'bad.yaml');
    writeFileSync(
      file,
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n namespace: shop\n',
    );
    const error = await loadManifests([file]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as ManifestError).file).toBe(file);
    expect((error as ManifestError).line).toBe(5);
    expect((error as ManifestError).message).toBe(
      `${file}:5:1: All mapping items must start at the same column`,
    );
    expect((error as ManifestError).code).toBe('INPUT_INVALID');
  });

  it('names a missing path', async () => {
    await expect(loadManifests([join(M, 'nope.yaml')])).rejects.toThrow(
      `${join(M, 'nope.yaml')}: no such file or directory`,
    );
  });

  it('reports a bad document in the middle of a file at its own line', () => {
    const text =
      'apiVersion: v1\nkind: A\nmetadata: { name: a }\n---\nkind: B\nmetadata:\n  name: b\n name2: x\n';
    expect(() => parseManifests(text, 'x.yaml')).toThrow(/^x\.yaml:8:1: /);
  });
});
