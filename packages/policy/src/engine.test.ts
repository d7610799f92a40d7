// The engine over the real bundle: batching, rule settings, related resources, memory.
import { join } from 'node:path';
import type { Resource } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { FIXTURES, builtinBundle, builtinEngine, loadFixture } from '../test/support.js';
import { PolicyEngine } from './engine.js';
import { loadManifests } from './manifests.js';

async function allFixtures(): Promise<Resource[]> {
  const bundle = await builtinBundle();
  const out: Resource[] = [];
  for (const rule of bundle.rules) {
    for (const which of ['fail', 'pass']) {
      const resources = await loadFixture(join(FIXTURES, 'rules', rule.id, `${which}.yaml`));
      // Give each copy its own ref and namespace so fixtures do not see each other's PDBs.
      out.push(
        ...resources.map((r) => ({
          ...r,
          ref: `${r.ref}#${rule.id}-${which}`,
          ...(r.namespace === undefined
            ? {}
            : { namespace: `${r.namespace}-${rule.id}-${which}`.toLowerCase() }),
        })),
      );
    }
  }
  return out;
}

describe('PolicyEngine', () => {
  it('gives the same findings whatever the batch size', async () => {
    const engine = await builtinEngine();
    const resources = await allFixtures();
    const whole = await engine.evaluate(resources, { batchSize: 10_000 });
    expect(whole.length).toBeGreaterThan(30);
    for (const batchSize of [1, 7, 100]) {
      expect(await engine.evaluate(resources, { batchSize }), `batch size ${batchSize}`).toEqual(
        whole,
      );
    }
  });

  it('gives the same findings evaluating resources one call at a time', async () => {
    const engine = await builtinEngine();
    // Kinds that rules look up in data.inventory are seen only within one call.
    const lookedUp = new Set((await builtinBundle()).rules.flatMap((r) => r.inventoryKinds));
    const resources = (await allFixtures()).filter(
      (r) => r.kind !== 'PodDisruptionBudget' && r.kind !== 'Namespace' && !lookedUp.has(r.kind),
    );
    const together = await engine.evaluate(resources);
    const oneByOne = [];
    for (const r of resources) oneByOne.push(...(await engine.evaluate([r])));
    expect(oneByOne).toEqual(together);
  });

  it('lets every batch see related resources from other batches', async () => {
    const engine = await builtinEngine();
    const [deployment, pdb] = await loadManifests([
      join(FIXTURES, 'rules', 'K8S-AVAIL-002', 'pass.yaml'),
    ]);
    const findings = await engine.evaluate([deployment!, pdb!], { batchSize: 1 });
    expect(findings.map((f) => f.ruleId)).not.toContain('K8S-AVAIL-002');
    const related = await engine.evaluate([deployment!], { related: [pdb!] });
    expect(related.map((f) => f.ruleId)).not.toContain('K8S-AVAIL-002');
    const alone = await engine.evaluate([deployment!]);
    expect(alone.map((f) => f.ruleId)).toContain('K8S-AVAIL-002');
  });

  it('runs concurrent evaluations one after the other, each with its own related resources', async () => {
    const engine = await builtinEngine({ batchSize: 1 });
    const [deployment, pdb] = await loadManifests([
      join(FIXTURES, 'rules', 'K8S-AVAIL-002', 'pass.yaml'),
    ]);
    // The PDB comes first, so the deployment's batch runs after the other call has started.
    const [withPdb, without] = await Promise.all([
      engine.evaluate([pdb!, deployment!]),
      engine.evaluate([deployment!]),
    ]);
    expect(withPdb.map((f) => f.ruleId)).not.toContain('K8S-AVAIL-002');
    expect(without.map((f) => f.ruleId)).toContain('K8S-AVAIL-002');
  });

  it('disables and re-grades rules by id or pattern', async () => {
    const engine = await builtinEngine({
      rules: { 'K8S-HEALTH-*': { enabled: false }, 'K8S-IMG-001': { severity: 'critical' } },
    });
    const findings = await engine.evaluate(
      await loadFixture(join(FIXTURES, 'manifests', 'dir', 'deployment.yaml')),
    );
    const ids = findings.map((f) => f.ruleId);
    expect(ids).not.toContain('K8S-HEALTH-001');
    expect(ids).not.toContain('K8S-HEALTH-002');
    expect(findings.find((f) => f.ruleId === 'K8S-IMG-001')?.severity).toBe('critical');
    expect(engine.rules.find((r) => r.id === 'K8S-HEALTH-001')?.enabled).toBe(false);
  });

  it('keeps wasm memory flat over many evaluations, and reloads on request', async () => {
    const resources = await allFixtures();
    const engine = await builtinEngine({ batchSize: 10 });
    await engine.evaluate(resources);
    const after1 = engine.stats().wasmMemoryBytes;
    for (let i = 0; i < 20; i++) await engine.evaluate(resources);
    expect(engine.stats().wasmMemoryBytes).toBe(after1);

    const reloading = await PolicyEngine.create({
      bundles: [await builtinBundle()],
      batchSize: 10,
      reloadEveryBatches: 3,
    });
    const first = await reloading.evaluate(resources);
    expect(reloading.stats().reloads).toBeGreaterThan(0);
    expect(await engine.evaluate(resources)).toEqual(first);
  });

  it("evaluates only the rules of the monkey it serves, through that monkey's aggregate", async () => {
    const resources = await allFixtures();
    const all = await builtinEngine();
    const security = await builtinEngine({ forMonkey: 'security', monkey: 'security' });
    const conformity = await builtinEngine({ forMonkey: 'conformity' });
    const monkeyOf = new Map(all.rules.map((r) => [r.id, r.monkey]));

    expect(security.rules.length).toBeGreaterThan(40);
    expect(security.rules.every((r) => r.monkey === 'security')).toBe(true);
    expect(conformity.rules.every((r) => r.monkey === 'conformity')).toBe(true);
    expect(security.rules.length + conformity.rules.length).toBe(all.rules.length);

    const [everything, secure, conform] = await Promise.all([
      all.evaluate(resources),
      security.evaluate(resources),
      conformity.evaluate(resources),
    ]);
    expect(secure.every((f) => monkeyOf.get(f.ruleId) === 'security')).toBe(true);
    expect(conform.every((f) => monkeyOf.get(f.ruleId) === 'conformity')).toBe(true);
    const key = (f: { ruleId: string; resource: { ref: string } }) =>
      `${f.ruleId} ${f.resource.ref}`;
    expect([...secure, ...conform].map(key).sort()).toEqual(everything.map(key).sort());
    expect(secure.every((f) => f.monkey === 'security')).toBe(true);
  });

  it("skips a bundle that holds none of the monkey's rules", async () => {
    const engine = await builtinEngine({ forMonkey: 'janitor' });
    expect(engine.rules).toEqual([]);
    expect(engine.stats().wasmMemoryBytes).toBe(0);
    expect(await engine.evaluate(await allFixtures())).toEqual([]);
  });
});
