# Builders for the security rule tests: a hardened container and pod that pass every security
# rule, so a test changes only what its rule is about.
package simian.lib.testing

secure_context := {
	"allowPrivilegeEscalation": false,
	"readOnlyRootFilesystem": true,
	"runAsNonRoot": true,
	"runAsUser": 10001,
	"runAsGroup": 10001,
	"capabilities": {"drop": ["ALL"]},
}

secure_container := object.union(container, {"securityContext": secure_context})

secure_pod_spec := object.union(pod_spec, {
	"containers": [secure_container],
	"automountServiceAccountToken": false,
	"securityContext": {"seccompProfile": {"type": "RuntimeDefault"}},
})

# The secure container with its security context changed by `fields` (merged).
container_with(fields) := object.union(secure_container, {"securityContext": fields})

# The secure pod spec with `fields` merged in (lists are replaced).
spec_with(fields) := object.union(secure_pod_spec, fields)

# A bare Pod named `name` in namespace shop with the given spec.
pod(name, spec) := {
	"ref": sprintf("k8s:test/shop/Pod/%s", [name]),
	"provider": "kubernetes",
	"kind": "Pod",
	"name": name,
	"namespace": "shop",
	"labels": {"app": name},
	"annotations": {},
	"raw": {
		"apiVersion": "v1",
		"kind": "Pod",
		"metadata": {"name": name, "namespace": "shop", "labels": {"app": name}},
		"spec": spec,
	},
}

# Any Kubernetes object: kind, name, namespace (or null for cluster-scoped) and its raw fields.
k8s_object(kind, name, namespace, raw) := r if {
	namespace != null
	r := {
		"ref": sprintf("k8s:test/%s/%s/%s", [namespace, kind, name]),
		"provider": "kubernetes",
		"kind": kind,
		"name": name,
		"namespace": namespace,
		"labels": object.get(raw, ["metadata", "labels"], {}),
		"annotations": {},
		"raw": object.union({"metadata": {"name": name, "namespace": namespace}}, raw),
	}
} else := {
	"ref": sprintf("k8s:test/_/%s/%s", [kind, name]),
	"provider": "kubernetes",
	"kind": kind,
	"name": name,
	"labels": object.get(raw, ["metadata", "labels"], {}),
	"annotations": {},
	"raw": object.union({"metadata": {"name": name}}, raw),
}

# A NetworkPolicy of namespace shop that selects every pod, for data.inventory.
deny_all := {"shop": {"default-deny": k8s_object("NetworkPolicy", "default-deny", "shop", {"spec": {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}})}}

# An AWS resource of `kind` with the given raw object.
aws_resource(kind, id, raw) := {
	"ref": sprintf("arn:aws:ec2:eu-west-1:123456789012:%s/%s", [lower(kind), id]),
	"provider": "aws",
	"kind": kind,
	"name": id,
	"region": "eu-west-1",
	"labels": {"owner": "shop"},
	"raw": raw,
}
