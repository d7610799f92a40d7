import type { Resource } from '@simian/core';

/**
 * `n` synthetic resources for measuring the engine: a mix like a real estate (Deployments,
 * StatefulSets, Services, PodDisruptionBudgets, ConfigMaps, EC2 instances, Auto Scaling groups),
 * where some follow the rules and some break one or two. Deterministic: the same `n`, the same list.
 */
export function generateResources(n: number): Resource[] {
  const out: Resource[] = [];
  for (let i = 0; i < n; i++) {
    const namespace = `team-${i % 200}`;
    const slot = i % 20;
    if (slot < 8) out.push(workload('Deployment', i, namespace));
    else if (slot < 10) out.push(workload('StatefulSet', i, namespace));
    else if (slot < 13) out.push(service(i, namespace));
    else if (slot < 15) out.push(pdb(i, namespace));
    else if (slot < 17) out.push(configMap(i, namespace));
    else if (slot < 19) out.push(instance(i));
    else out.push(asg(i));
  }
  return out;
}

function k8s(
  kind: string,
  name: string,
  namespace: string,
  raw: Record<string, unknown>,
): Resource {
  const metadata = (raw['metadata'] ?? {}) as {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  return {
    ref: `manifest:generated.yaml/${namespace}/${kind}/${name}`,
    provider: 'kubernetes',
    kind,
    name,
    namespace,
    labels: metadata.labels ?? {},
    annotations: metadata.annotations ?? {},
    raw: { kind, ...raw },
  };
}

function workload(kind: string, i: number, namespace: string): Resource {
  const name = `app-${i}`;
  const labels = {
    app: name,
    ...(i % 3 === 0 ? {} : { team: namespace }),
    ...(i % 11 === 0 ? { 'simian.dev/availability': 'high' } : {}),
  };
  const container = {
    name: 'app',
    image:
      i % 9 === 0 ? 'registry.example.com/app:latest' : `registry.example.com/app:1.${i % 50}.0`,
    ports: [{ name: 'http', containerPort: 8080 }],
    env: [
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'REGION', value: 'eu-west-1' },
    ],
    ...(i % 4 === 0
      ? {}
      : {
          readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
          livenessProbe: { httpGet: { path: '/live', port: 'http' } },
        }),
    resources:
      i % 5 === 0
        ? {}
        : { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },
  };
  const spec = {
    replicas: 1 + (i % 4),
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        containers: [
          container,
          {
            name: 'proxy',
            image: 'envoyproxy/envoy:v1.31.2',
            resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '64Mi' } },
            readinessProbe: { tcpSocket: { port: 9901 } },
            livenessProbe: { tcpSocket: { port: 9901 } },
          },
        ],
        ...(i % 2 === 0
          ? {
              topologySpreadConstraints: [
                {
                  maxSkew: 1,
                  topologyKey: 'kubernetes.io/hostname',
                  whenUnsatisfiable: 'ScheduleAnyway',
                  labelSelector: { matchLabels: { app: name } },
                },
              ],
            }
          : {}),
      },
    },
  };
  return k8s(kind, name, namespace, {
    apiVersion: 'apps/v1',
    metadata: { name, namespace, labels },
    spec,
  });
}

function service(i: number, namespace: string): Resource {
  const name = `svc-${i}`;
  const type = i % 40 === 10 ? 'LoadBalancer' : 'ClusterIP';
  const ports = [
    { name: 'http', port: 80, targetPort: 'http' },
    ...(i % 3 === 0 ? [{ name: 'metrics', port: 9090 }] : []),
  ];
  return k8s('Service', name, namespace, {
    apiVersion: 'v1',
    metadata: { name, namespace },
    spec: { type, selector: { app: `app-${i - 10}` }, ports },
  });
}

function pdb(i: number, namespace: string): Resource {
  const name = `pdb-${i}`;
  return k8s('PodDisruptionBudget', name, namespace, {
    apiVersion: 'policy/v1',
    metadata: { name, namespace },
    spec: { maxUnavailable: 1, selector: { matchLabels: { app: `app-${i - 13}` } } },
  });
}

function configMap(i: number, namespace: string): Resource {
  const name = `config-${i}`;
  return k8s('ConfigMap', name, namespace, {
    apiVersion: 'v1',
    metadata: { name, namespace },
    data: { 'app.properties': 'a=1\nb=2\n' },
  });
}

function instance(i: number): Resource {
  const id = `i-${i.toString(16).padStart(17, '0')}`;
  const tags = [
    { Key: 'Name', Value: `web-${i}` },
    ...(i % 4 === 0 ? [] : [{ Key: 'owner', Value: 'web' }]),
    ...(i % 3 === 0 ? [] : [{ Key: 'aws:autoscaling:groupName', Value: `asg-${i % 100}` }]),
  ];
  return {
    ref: `arn:aws:ec2:eu-west-1:123456789012:instance/${id}`,
    provider: 'aws',
    kind: 'Instance',
    name: id,
    region: 'eu-west-1',
    labels: Object.fromEntries(tags.map((t) => [t.Key, t.Value])),
    raw: {
      InstanceId: id,
      InstanceType: 't3.small',
      State: { Name: 'running' },
      VpcId: 'vpc-0123',
      SubnetId: 'subnet-0123',
      Tags: tags,
    },
  };
}

function asg(i: number): Resource {
  const name = `asg-${i}`;
  return {
    ref: `arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:${i}:autoScalingGroupName/${name}`,
    provider: 'aws',
    kind: 'AutoScalingGroup',
    name,
    region: 'eu-west-1',
    labels: { owner: 'web' },
    raw: {
      AutoScalingGroupName: name,
      MinSize: 2,
      MaxSize: 6,
      AvailabilityZones: i % 5 === 0 ? ['eu-west-1a'] : ['eu-west-1a', 'eu-west-1b'],
    },
  };
}
