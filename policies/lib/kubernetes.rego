# METADATA
# title: Kubernetes helpers
# description: |
#   What the Kubernetes rules share: which resources are workloads, where their pod spec lives,
#   label selectors, and lookups in `data.inventory` (the related resources the engine publishes).
package simian.lib.kubernetes

workload_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "Pod"}

# Kinds whose pods are meant to run until replaced, so they need probes.
long_running_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Pod"}

# Kinds with a replica count.
replicated_kinds := {"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"}

# Manifests without a namespace land in "default" when applied.
namespace(r) := r.namespace if {
	is_string(r.namespace)
	r.namespace != ""
} else := "default"

# A pod, replica set or job made by a controller is judged through its controller, so that one
# Deployment with 30 pods gives one finding, not 31.
controlled(r) if {
	some owner in r.raw.metadata.ownerReferences
	owner.controller == true
}

is_workload(r) if {
	r.provider == "kubernetes"
	r.kind in workload_kinds
	not controlled(r)
}

is_long_running(r) if {
	is_workload(r)
	r.kind in long_running_kinds
}

is_replicated(r) if {
	is_workload(r)
	r.kind in replicated_kinds
}

pod_template(r) := r.raw.spec.jobTemplate.spec.template if {
	r.kind == "CronJob"
} else := r.raw if {
	r.kind == "Pod"
} else := r.raw.spec.template

pod_spec(r) := object.get(pod_template(r), "spec", {})

pod_labels(r) := object.get(pod_template(r), ["metadata", "labels"], {})

# Application containers only: init containers finish before the pod is ready.
containers(r) := object.get(pod_spec(r), "containers", [])

# Images of every container, init and ephemeral containers included.
all_containers(r) := array.concat(
	array.concat(containers(r), object.get(pod_spec(r), "initContainers", [])),
	object.get(pod_spec(r), "ephemeralContainers", []),
)

# The replica count a workload is guaranteed: a HorizontalPodAutoscaler's minReplicas wins over
# spec.replicas, which an autoscaled workload usually leaves unset.
min_replicas(r) := object.get(hpa.raw.spec, "minReplicas", 1) if {
	some hpa in inventory("HorizontalPodAutoscaler", namespace(r))
	hpa.raw.spec.scaleTargetRef.kind == r.kind
	hpa.raw.spec.scaleTargetRef.name == r.name
} else := object.get(r.raw.spec, "replicas", 1)

# Related resources of one kind in one namespace (or region, or "_"), published by the engine as
# data.inventory[kind][scope][name].
inventory(kind, scope) := data.inventory[kind][scope] if {
	data.inventory[kind][scope]
} else := {}

# Labels and annotations of a resource, merged: a claim may be written as either.
metadata_marks(r) := object.union(object.get(r, "labels", {}), object.get(r, "annotations", {}))

# True when a Kubernetes label selector selects the given labels.
selects(selector, labels) if {
	every key, value in object.get(selector, "matchLabels", {}) {
		labels[key] == value
	}
	every expr in object.get(selector, "matchExpressions", []) {
		expression_matches(expr, labels)
	}
}

expression_matches(expr, labels) if {
	expr.operator == "In"
	labels[expr.key] in expr.values
}

expression_matches(expr, labels) if {
	expr.operator == "NotIn"
	not labels[expr.key] in expr.values
}

expression_matches(expr, labels) if {
	expr.operator == "Exists"
	labels[expr.key]
}

expression_matches(expr, labels) if {
	expr.operator == "DoesNotExist"
	not labels[expr.key]
}
