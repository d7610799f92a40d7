# Builders for the rule tests: each returns a resource in the input shape the engine produces
# (`{ref, provider, kind, name, namespace, labels, annotations, raw}`) that passes every rule, so a
# test changes only what its rule is about.
package simian.lib.testing

container := {
	"name": "app",
	"image": "registry.example.com/shop/web:1.4.2",
	"readinessProbe": {"httpGet": {"path": "/ready", "port": 8080}},
	"livenessProbe": {"httpGet": {"path": "/live", "port": 8080}},
	"resources": {
		"requests": {"cpu": "100m", "memory": "128Mi"},
		"limits": {"memory": "128Mi"},
	},
}

pod_spec := {
	"containers": [container],
	"topologySpreadConstraints": [{
		"maxSkew": 1,
		"topologyKey": "kubernetes.io/hostname",
		"whenUnsatisfiable": "ScheduleAnyway",
		"labelSelector": {"matchLabels": {"app": "web"}},
	}],
}

# A Deployment named `name` in namespace shop with `replicas` replicas and the given pod spec.
deployment(name, replicas, spec) := {
	"ref": sprintf("k8s:test/shop/Deployment/%s", [name]),
	"provider": "kubernetes",
	"kind": "Deployment",
	"name": name,
	"namespace": "shop",
	"labels": {"app": name, "team": "shop"},
	"annotations": {},
	"raw": {
		"apiVersion": "apps/v1",
		"kind": "Deployment",
		"metadata": {"name": name, "namespace": "shop", "labels": {"app": name, "team": "shop"}},
		"spec": {
			"replicas": replicas,
			"selector": {"matchLabels": {"app": name}},
			"template": {"metadata": {"labels": {"app": name}}, "spec": spec},
		},
	},
}

# The same Deployment with labels and annotations added to its metadata.
with_marks(r, labels, annotations) := object.union(r, {
	"labels": object.union(r.labels, labels),
	"annotations": object.union(r.annotations, annotations),
	"raw": {"metadata": {"labels": object.union(r.labels, labels), "annotations": annotations}},
})

pdb(name, match_labels) := {
	"ref": sprintf("k8s:test/shop/PodDisruptionBudget/%s", [name]),
	"provider": "kubernetes",
	"kind": "PodDisruptionBudget",
	"name": name,
	"namespace": "shop",
	"labels": {},
	"raw": {"spec": {"maxUnavailable": 1, "selector": {"matchLabels": match_labels}}},
}

service(name, type, ports, annotations) := {
	"ref": sprintf("k8s:test/shop/Service/%s", [name]),
	"provider": "kubernetes",
	"kind": "Service",
	"name": name,
	"namespace": "shop",
	"labels": {"team": "shop"},
	"annotations": annotations,
	"raw": {"spec": {"type": type, "ports": ports, "selector": {"app": name}}},
}

instance(id, fields, tags) := {
	"ref": sprintf("arn:aws:ec2:eu-west-1:123456789012:instance/%s", [id]),
	"provider": "aws",
	"kind": "Instance",
	"name": id,
	"region": "eu-west-1",
	"labels": tags,
	"raw": object.union(
		{
			"InstanceId": id,
			"State": {"Name": "running"},
			"VpcId": "vpc-1",
			"Tags": [{"Key": k, "Value": v} | some k, v in tags],
		},
		fields,
	),
}

asg(name, zones) := {
	"ref": sprintf("arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:1:autoScalingGroupName/%s", [name]),
	"provider": "aws",
	"kind": "AutoScalingGroup",
	"name": name,
	"region": "eu-west-1",
	"labels": {"owner": "shop"},
	"raw": {"AutoScalingGroupName": name, "AvailabilityZones": zones},
}

# The set of rule ids among violations that concern `ref`.
fired(violations, ref) := {v.rule | some v in violations; v.ref == ref}
