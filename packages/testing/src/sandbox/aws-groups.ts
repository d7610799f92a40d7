import {
  AutoScalingClient,
  CreateAutoScalingGroupCommand,
  DeleteAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  CreateLaunchTemplateCommand,
  DeleteLaunchTemplateCommand,
  DeregisterImageCommand,
  EC2Client,
  RegisterImageCommand,
} from '@aws-sdk/client-ec2';
import type { SandboxAwsClientConfig } from '@simian/sandbox';

/** One Auto Scaling group a test wants. */
export interface TestGroupSpec {
  name: string;
  min: number;
  desired: number;
  /** @default 8 */
  max?: number;
  /** Tags on the group, propagated to its instances; `app: <name>` is always added. */
  tags?: Record<string, string>;
}

/**
 * Puts moto's credentials where the AWS SDK's default chain finds them, so a provider built from
 * simian.yaml authenticates as it would in production (through the chain, not explicit keys).
 */
export function useSandboxAwsCredentials(config: SandboxAwsClientConfig): void {
  process.env.AWS_ACCESS_KEY_ID = config.credentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = config.credentials.secretAccessKey;
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
}

/**
 * Creates Auto Scaling groups of a test's own in the sandbox's moto: one image, a launch template
 * per group, instances in two zones. Returns what removes them all again (groups with their
 * instances, templates, image), for the test's `afterAll`. moto is shared by every test file, so
 * give the groups names (and opt-in tags) no other file uses.
 */
export async function createTestAutoScalingGroups(
  config: SandboxAwsClientConfig,
  imageName: string,
  groups: readonly TestGroupSpec[],
): Promise<{ remove(): Promise<void> }> {
  const ec2 = new EC2Client(config);
  const autoscaling = new AutoScalingClient(config);
  const image = await ec2.send(
    new RegisterImageCommand({
      Name: imageName,
      Architecture: 'x86_64',
      RootDeviceName: '/dev/xvda',
      VirtualizationType: 'hvm',
    }),
  );
  for (const g of groups) {
    await ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: g.name,
        LaunchTemplateData: { ImageId: image.ImageId!, InstanceType: 't3.micro' },
      }),
    );
    await autoscaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: g.name,
        LaunchTemplate: { LaunchTemplateName: g.name, Version: '$Latest' },
        MinSize: g.min,
        MaxSize: g.max ?? 8,
        DesiredCapacity: g.desired,
        AvailabilityZones: ['us-east-1a', 'us-east-1b'],
        Tags: Object.entries({ app: g.name, ...g.tags }).map(([Key, Value]) => ({
          Key,
          Value,
          PropagateAtLaunch: true,
          ResourceId: g.name,
          ResourceType: 'auto-scaling-group',
        })),
      }),
    );
  }
  return {
    async remove() {
      for (const g of groups) {
        await autoscaling
          .send(
            new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: g.name, ForceDelete: true }),
          )
          .catch(() => undefined);
        await ec2
          .send(new DeleteLaunchTemplateCommand({ LaunchTemplateName: g.name }))
          .catch(() => undefined);
      }
      await ec2
        .send(new DeregisterImageCommand({ ImageId: image.ImageId! }))
        .catch(() => undefined);
      ec2.destroy();
      autoscaling.destroy();
    },
  };
}
