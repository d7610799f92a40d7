# METADATA
# title: Availability
# description: Workloads that say they are highly available must be built to survive the loss of a pod or a node.
package simian.kubernetes.availability

import data.simian.lib.kubernetes as k8s
import data.simian.lib.params.params

# METADATA
# title: Single-replica workload claims high availability
# description: |
#   The workload is labelled or annotated as highly available (see params.ha_claims) but runs fewer
#   than two replicas, so one pod eviction or node failure takes it down. Restarting quickly is fault
#   tolerance, not high availability.
# custom:
#   id: K8S-AVAIL-001
#   severity: high
#   provider: kubernetes
#   remediation: Run at least two replicas (spec.replicas, or the HorizontalPodAutoscaler's minReplicas), or drop the availability claim.
#   frameworks: ["aws-well-architected:REL10-BP01", "polaris:deploymentMissingReplicas"]
#   enforceable: true
#   inventory_kinds: ["HorizontalPodAutoscaler"]
violations contains v if {
	some r in input.resources
	k8s.is_replicated(r)
	replicas := k8s.min_replicas(r)
	replicas < 2
	claims := ha_claims(r)
	count(claims) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s claims high availability (%s) but runs %d replica(s)", [r.kind, r.name, concat(", ", claims), replicas]),
		"evidence": {"replicas": replicas, "claims": claims},
	}
}

ha_claims(r) := {sprintf("%s=%s", [key, value]) |
	some key, value in k8s.metadata_marks(r)
	some wanted in object.get(params.ha_claims, key, [])
	lower(value) == lower(wanted)
}

# METADATA
# title: Replicated workload without a PodDisruptionBudget
# description: |
#   A workload with two or more replicas has no PodDisruptionBudget in its namespace that selects
#   its pods, so a node drain or a cluster upgrade may evict all of them at once.
# custom:
#   id: K8S-AVAIL-002
#   severity: medium
#   provider: kubernetes
#   remediation: Add a policy/v1 PodDisruptionBudget whose selector matches the pod template's labels (for example maxUnavailable 1).
#   frameworks: ["aws-well-architected:REL10-BP01", "polaris:missingPodDisruptionBudget"]
#   enforceable: false
#   inventory_kinds: ["PodDisruptionBudget", "HorizontalPodAutoscaler"]
violations contains v if {
	some r in input.resources
	k8s.is_replicated(r)
	replicas := k8s.min_replicas(r)
	replicas >= 2
	not has_pdb(r)
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s runs %d replicas but no PodDisruptionBudget in namespace %s selects its pods", [r.kind, r.name, replicas, k8s.namespace(r)]),
		"evidence": {"replicas": replicas, "podLabels": k8s.pod_labels(r)},
	}
}

# policy/v1: a PodDisruptionBudget without a selector selects nothing; `{}` selects every pod.
has_pdb(r) if {
	some pdb in k8s.inventory("PodDisruptionBudget", k8s.namespace(r))
	k8s.selects(pdb.raw.spec.selector, k8s.pod_labels(r))
}

# METADATA
# title: Replicated workload without spreading
# description: |
#   A workload with two or more replicas has neither pod anti-affinity nor topology spread
#   constraints, so the scheduler may place every replica on one node or in one zone.
# custom:
#   id: K8S-AVAIL-003
#   severity: medium
#   provider: kubernetes
#   remediation: Add topologySpreadConstraints (topologyKey kubernetes.io/hostname and/or topology.kubernetes.io/zone) or a podAntiAffinity on the pod template.
#   frameworks: ["aws-well-architected:REL10-BP01", "polaris:topologySpreadConstraint"]
#   enforceable: false
#   inventory_kinds: ["HorizontalPodAutoscaler"]
violations contains v if {
	some r in input.resources
	k8s.is_replicated(r)
	replicas := k8s.min_replicas(r)
	replicas >= 2
	not spread(k8s.pod_spec(r))
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s runs %d replicas with no pod anti-affinity or topology spread constraints", [r.kind, r.name, replicas]),
		"evidence": {"replicas": replicas},
	}
}

spread(spec) if count(object.get(spec, "topologySpreadConstraints", [])) > 0

spread(spec) if count(object.get(spec.affinity.podAntiAffinity, "requiredDuringSchedulingIgnoredDuringExecution", [])) > 0

spread(spec) if count(object.get(spec.affinity.podAntiAffinity, "preferredDuringSchedulingIgnoredDuringExecution", [])) > 0
