package simian.kubernetes.availability_test

import data.simian.kubernetes.availability.violations
import data.simian.lib.testing as t

claims_ha := {"simian.dev/availability": "high"}

pdb_for_web := {"shop": {"web": t.pdb("web", {"app": "web"})}}

test_avail_001_one_replica_claiming_ha_fails if {
	r := t.with_marks(t.deployment("web", 1, t.pod_spec), claims_ha, {})
	"K8S-AVAIL-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_avail_001_claim_in_annotation_fails if {
	r := t.with_marks(t.deployment("web", 1, t.pod_spec), {}, {"simian.dev/tier": "Critical"})
	"K8S-AVAIL-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_avail_001_two_replicas_claiming_ha_passes if {
	r := t.with_marks(t.deployment("web", 2, t.pod_spec), claims_ha, {})
	not "K8S-AVAIL-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
		with data.inventory.PodDisruptionBudget as pdb_for_web
}

test_avail_001_one_replica_without_claim_passes if {
	r := t.deployment("web", 1, t.pod_spec)
	not "K8S-AVAIL-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_avail_001_autoscaler_min_replicas_counts if {
	r := json.remove(t.with_marks(t.deployment("web", 1, t.pod_spec), claims_ha, {}), ["raw/spec/replicas"])
	hpa := {"shop": {"web": {"raw": {"spec": {"minReplicas": 3, "scaleTargetRef": {"kind": "Deployment", "name": "web"}}}}}}
	not "K8S-AVAIL-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
		with data.inventory.HorizontalPodAutoscaler as hpa
		with data.inventory.PodDisruptionBudget as pdb_for_web
}

test_avail_001_custom_claim_from_params_fails if {
	r := t.with_marks(t.deployment("web", 1, t.pod_spec), {"slo": "gold"}, {})
	"K8S-AVAIL-001" in t.fired(violations, r.ref) with input as {"resources": [r], "params": {"ha_claims": {"slo": ["gold"]}}}
}

test_avail_002_replicas_without_pdb_fails if {
	r := t.deployment("web", 3, t.pod_spec)
	"K8S-AVAIL-002" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_avail_002_pdb_of_other_pods_fails if {
	r := t.deployment("web", 3, t.pod_spec)
	other := {"shop": {"api": t.pdb("api", {"app": "api"})}}
	"K8S-AVAIL-002" in t.fired(violations, r.ref) with input as {"resources": [r]}
		with data.inventory.PodDisruptionBudget as other
}

test_avail_002_pdb_in_other_namespace_fails if {
	r := t.deployment("web", 3, t.pod_spec)
	elsewhere := {"other": {"web": t.pdb("web", {"app": "web"})}}
	"K8S-AVAIL-002" in t.fired(violations, r.ref) with input as {"resources": [r]}
		with data.inventory.PodDisruptionBudget as elsewhere
}

test_avail_002_matching_pdb_passes if {
	r := t.deployment("web", 3, t.pod_spec)
	not "K8S-AVAIL-002" in t.fired(violations, r.ref) with input as {"resources": [r]}
		with data.inventory.PodDisruptionBudget as pdb_for_web
}

test_avail_002_pdb_with_match_expressions_passes if {
	r := t.deployment("web", 3, t.pod_spec)
	expr := {"shop": {"web": {"raw": {"spec": {"selector": {"matchExpressions": [{"key": "app", "operator": "In", "values": ["web", "api"]}]}}}}}}
	not "K8S-AVAIL-002" in t.fired(violations, r.ref) with input as {"resources": [r]}
		with data.inventory.PodDisruptionBudget as expr
}

test_avail_002_single_replica_passes if {
	r := t.deployment("web", 1, t.pod_spec)
	not "K8S-AVAIL-002" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_avail_003_replicas_without_spreading_fails if {
	r := t.deployment("web", 3, {"containers": [t.container]})
	"K8S-AVAIL-003" in t.fired(violations, r.ref) with input as {"resources": [r]}
		with data.inventory.PodDisruptionBudget as pdb_for_web
}

test_avail_003_topology_spread_passes if {
	r := t.deployment("web", 3, t.pod_spec)
	not "K8S-AVAIL-003" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_avail_003_pod_anti_affinity_passes if {
	spec := {"containers": [t.container], "affinity": {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{
		"weight": 100,
		"podAffinityTerm": {"topologyKey": "kubernetes.io/hostname", "labelSelector": {"matchLabels": {"app": "web"}}},
	}]}}}
	r := t.deployment("web", 3, spec)
	not "K8S-AVAIL-003" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_pods_of_a_deployment_are_not_judged_twice if {
	pod := {
		"ref": "k8s:test/shop/Pod/web-1",
		"provider": "kubernetes",
		"kind": "ReplicaSet",
		"name": "web-1",
		"namespace": "shop",
		"labels": {},
		"raw": {"metadata": {"ownerReferences": [{"kind": "Deployment", "name": "web", "controller": true}]}, "spec": {"replicas": 3, "template": {"spec": {"containers": [t.container]}}}},
	}
	count(t.fired(violations, pod.ref)) == 0 with input as {"resources": [pod]}
}
