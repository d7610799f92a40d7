import { describe, expect, it } from 'vitest';
import { parseToolDirs, parseVersionsEnv, readToolVersions } from './toolchain.js';

describe('versions.env', () => {
  it('parses KEY=value lines and skips comments', () => {
    expect(parseVersionsEnv('# pinned\n\nETCD_VERSION=v3.6.16\nKWOK_VERSION=v0.7.0\n')).toEqual({
      ETCD_VERSION: 'v3.6.16',
      KWOK_VERSION: 'v0.7.0',
    });
  });

  it('rejects a line that is not KEY=value', () => {
    expect(() => parseVersionsEnv('ETCD_VERSION v3\n')).toThrow(/not KEY=value/);
  });

  it('pins every tool the sandbox runs', async () => {
    const versions = await readToolVersions();
    for (const key of ['KUBERNETES_VERSION', 'ETCD_VERSION', 'KWOK_VERSION', 'MOTO_VERSION']) {
      expect(versions[key], key).toMatch(/^v?\d+\.\d+\.\d+$/);
    }
  });
});

describe('parseToolDirs', () => {
  it('reads the tool=<bindir> lines of build.sh', () => {
    expect(parseToolDirs('etcd=/c/etcd-v3/bin\nkwok=/c/kwok-v0.7.0/bin\n')).toEqual({
      etcd: '/c/etcd-v3/bin',
      kwok: '/c/kwok-v0.7.0/bin',
    });
  });
});
