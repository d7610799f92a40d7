import { describe, expect, it } from 'vitest';
import { conformityConfigSchema } from './config.js';
import { conformityPermissions } from './permissions.js';

const config = (own: unknown) =>
  ({ ...conformityConfigSchema.parse(own), enabled: true }) as unknown as Parameters<
    typeof conformityPermissions
  >[0];

describe('what the conformity monkey needs under its config', () => {
  it('reports only without enforced rules: reads, no verb', () => {
    const p = conformityPermissions(config({}));
    expect(p.verbs).toEqual([]);
    expect(p.reads).toEqual(
      expect.arrayContaining(['kubernetes:Deployment', 'kubernetes:PodDisruptionBudget']),
    );
  });

  it('enforcing with scale-to-zero: marks on the judged kinds, scale on the scalable ones', () => {
    const p = conformityPermissions(
      config({
        enforce: { rules: ['K8S-AVAIL-001'] },
        kinds: { kubernetes: ['Deployment', 'DaemonSet', 'Service'], aws: ['Instance'] },
      }),
    );
    expect(p.verbs).toEqual([
      'kubernetes:mark:Deployment',
      'kubernetes:unmark:Deployment',
      'kubernetes:mark:DaemonSet',
      'kubernetes:unmark:DaemonSet',
      'kubernetes:mark:Service',
      'kubernetes:unmark:Service',
      'kubernetes:scale:Deployment',
      'aws:mark:Instance',
      'aws:unmark:Instance',
      'aws:stop:Instance',
    ]);
  });

  it('enforcing with delete: delete on workloads, never on a Service; no scale', () => {
    const p = conformityPermissions(
      config({ enforce: { rules: ['K8S-EXPO-001'] }, teardown: 'delete' }),
    );
    expect(p.verbs).toEqual(
      expect.arrayContaining([
        'kubernetes:delete:Deployment',
        'kubernetes:delete:Pod',
        'kubernetes:delete:CronJob',
        'aws:terminate:Instance',
        'aws:delete:AutoScalingGroup',
      ]),
    );
    expect(
      p.verbs.filter((v) => /:(scale|stop):|delete:Service|:Namespace|Budget/.test(v)),
    ).toEqual([]);
  });
});
