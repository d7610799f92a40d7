import type { LifecycleStep, Resource } from '@simian/core';
import { JANITOR_MARKS, SOURCE_VOLUME_TAG } from './marks.js';

/** What removing one due resource takes in this run. */
export interface RemovalPlan {
  /** The steps to run now, in order (none while a ladder step waits). */
  steps: LifecycleStep[];
  /** Why nothing runs now, for the plan's notes (a ladder wait). */
  waiting?: string;
  /** Why the resource is held: a person undid the janitor's reversible step. */
  held?: string;
}

/** The ladder settings of the rule that put the resource in the lifecycle. */
export interface LadderOptions {
  ladder: boolean;
  ladderWait: number;
  now: Date;
}

const STEP = JANITOR_MARKS.step!;
const STEP_AT = JANITOR_MARKS.stepAt!;

/** The mark that records a ladder step as done, so the next run carries on from it. */
function stepDone(name: string, now: Date): LifecycleStep {
  return {
    name: 'step',
    verb: 'mark',
    params: { marks: { [STEP]: name, [STEP_AT]: now.toISOString() } },
    description: `record the step done (${STEP}=${name})`,
  };
}

const regionFlag = (r: Resource) => (r.region ? ` --region ${r.region}` : '');

/**
 * How `r` is removed once it is due: the kind's ladder of reversible steps first, where it has one
 * and the rule's `ladder` is on (snapshot a volume, stop an instance, scale a group to zero), each
 * with the command that undoes it; then the deletion. A step already done is read from the
 * resource (its state, or the janitor's `step` mark); a step a person undid holds the resource.
 */
export function removalPlan(r: Resource, options: LadderOptions): RemovalPlan {
  const marks = r.marks ?? {};
  const step = marks[STEP];
  const stepAt = Date.parse(marks[STEP_AT] ?? '');
  const v = r.views;
  const what = `${r.kind} ${r.name}`;
  const one = (
    verb: string,
    params: Record<string, unknown>,
    description: string,
  ): RemovalPlan => ({
    steps: [{ verb, params, description }],
  });
  const waitFrom = (from: number, did: string): RemovalPlan | undefined => {
    const until = from + options.ladderWait;
    return Number.isFinite(from) && options.now.getTime() < until
      ? {
          steps: [],
          waiting: `${what} was ${did} at ${new Date(from).toISOString()}; it is deleted after ${new Date(until).toISOString()}`,
        }
      : undefined;
  };

  if (r.provider === 'kubernetes') {
    // Kubernetes objects have no reversible step: deletion it is, dependents in the background.
    return one('delete', { propagationPolicy: 'Background' }, `delete ${what}`);
  }
  switch (r.kind) {
    case 'Volume': {
      if (!options.ladder) return one('delete', {}, `delete volume ${r.name}`);
      const requireSnapshot = { key: SOURCE_VOLUME_TAG, value: r.name };
      const restore = `aws ec2 create-volume --snapshot-id "$(aws ec2 describe-snapshots --owner-ids self --filters Name=tag:${SOURCE_VOLUME_TAG},Values=${r.name} --query 'Snapshots[0].SnapshotId' --output text${regionFlag(r)})"${v?.volume?.availabilityZone ? ` --availability-zone ${v.volume.availabilityZone}` : ''}${v?.volume?.type ? ` --volume-type ${v.volume.type}` : ''}${regionFlag(r)}`;
      const remove: LifecycleStep = {
        verb: 'delete',
        params: { requireSnapshot },
        description: `delete volume ${r.name} once its snapshot has completed (restore: ${restore})`,
      };
      if (step === 'snapshot') return { steps: [remove] };
      const tags: Record<string, string> = {
        [SOURCE_VOLUME_TAG]: r.name,
        ...(v?.volume?.availabilityZone
          ? { 'janitor.simian.dev/source-az': v.volume.availabilityZone }
          : {}),
        ...(v?.volume?.type ? { 'janitor.simian.dev/source-type': v.volume.type } : {}),
        ...(r.owner ? { owner: r.owner } : {}),
        ...(r.labels['Name'] ? { Name: r.labels['Name'] } : {}),
      };
      return {
        steps: [
          {
            name: 'snapshot',
            verb: 'create-snapshot',
            params: {
              description: `Simian janitor: backup of ${r.name} before its deletion`,
              tags,
            },
            description: `snapshot volume ${r.name} before deleting it, tagged ${SOURCE_VOLUME_TAG}=${r.name}`,
          },
          stepDone('snapshot', options.now),
          remove,
        ],
      };
    }
    case 'Instance': {
      const state = v?.instance?.state;
      if (!options.ladder) return one('terminate', {}, `terminate instance ${r.name}`);
      if (state === 'running' || state === 'pending') {
        if (step === 'stop') {
          return {
            steps: [],
            held: `${what} was started again after the janitor stopped it: someone uses it (waive it, or stop it yourself)`,
          };
        }
        return {
          steps: [
            {
              verb: 'stop',
              params: {},
              description: `stop instance ${r.name} before terminating it (restore: aws ec2 start-instances --instance-ids ${r.name}${regionFlag(r)})`,
            },
            stepDone('stop', options.now),
          ],
        };
      }
      if (state !== 'stopped')
        return { steps: [], waiting: `${what} is ${state ?? 'in an unknown state'}` };
      const since = step === 'stop' ? stepAt : Date.parse(v?.instance?.stateSince ?? '');
      return (
        waitFrom(since, 'stopped') ??
        one(
          'terminate',
          {},
          `terminate instance ${r.name} (stopped; its DeleteOnTermination volumes go with it)`,
        )
      );
    }
    case 'AutoScalingGroup': {
      const g = v?.scalingGroup;
      if (!options.ladder) return one('delete', {}, `delete Auto Scaling group ${r.name}`);
      const busy = (g?.desired ?? 0) > 0 || (g?.members.length ?? 0) > 0;
      if (busy) {
        if (step === 'scale-to-zero') {
          return {
            steps: [],
            held: `${what} was scaled up again after the janitor scaled it to zero: someone uses it`,
          };
        }
        return {
          steps: [
            {
              verb: 'scale',
              params: { desiredCapacity: 0 },
              description: `scale Auto Scaling group ${r.name} to zero before deleting it (restore: aws autoscaling update-auto-scaling-group --auto-scaling-group-name ${r.name} --min-size ${g?.min ?? 0} --desired-capacity ${g?.desired ?? 0} --max-size ${g?.max ?? 0}${regionFlag(r)})`,
            },
            stepDone('scale-to-zero', options.now),
          ],
        };
      }
      return (
        (step === 'scale-to-zero' ? waitFrom(stepAt, 'scaled to zero') : undefined) ??
        one('delete', {}, `delete Auto Scaling group ${r.name} (it has no instances)`)
      );
    }
    case 'Image': {
      const i = v?.image;
      const devices = (i?.blockDevices ?? [])
        .filter((b) => b.snapshotId)
        .map(
          (b) =>
            `DeviceName=${b.deviceName},Ebs={SnapshotId=${b.snapshotId}${b.type ? `,VolumeType=${b.type}` : ''}}`,
        )
        .join(' ');
      const restore = devices
        ? ` (restore while its snapshots remain: aws ec2 register-image --name ${i?.name ?? r.name}${i?.rootDeviceName ? ` --root-device-name ${i.rootDeviceName}` : ''}${i?.architecture ? ` --architecture ${i.architecture}` : ''}${i?.virtualizationType ? ` --virtualization-type ${i.virtualizationType}` : ''} --block-device-mappings ${devices}${regionFlag(r)})`
        : '';
      return one('deregister', {}, `deregister AMI ${r.name}${restore}`);
    }
    case 'Address': {
      const ip = v?.elasticIp?.publicIp;
      return one(
        'release',
        {},
        `release Elastic IP ${ip ?? r.name}${ip ? ` (undo, if no one has taken it: aws ec2 allocate-address --domain vpc --address ${ip}${regionFlag(r)})` : ''}`,
      );
    }
    case 'Snapshot':
      return one('delete', {}, `delete snapshot ${r.name}`);
    case 'SecurityGroup':
      return one('delete', {}, `delete security group ${r.name}`);
    case 'Bucket':
      return one(
        'delete',
        {},
        `delete bucket ${r.name} (restore an empty bucket of that name, if no one has taken it: aws s3api create-bucket --bucket ${r.name}${regionFlag(r)})`,
      );
    default:
      return { steps: [], waiting: `the janitor has no way to remove a ${r.kind}` };
  }
}

/** `provider:verb:Kind` of every verb {@link removalPlan} may use for `kind`. */
export function removalVerbs(provider: string, kind: string): string[] {
  if (provider === 'kubernetes') return [`kubernetes:delete:${kind}`];
  const verbs: Record<string, string[]> = {
    Volume: ['create-snapshot', 'delete'],
    Instance: ['stop', 'terminate'],
    AutoScalingGroup: ['scale', 'delete'],
    Image: ['deregister'],
    Address: ['release'],
    Snapshot: ['delete'],
    SecurityGroup: ['delete'],
    Bucket: ['delete'],
  };
  return (verbs[kind] ?? []).map((v) => `${provider}:${v}:${kind}`);
}
