package simian.kubernetes.resources_test

import data.simian.kubernetes.resources.violations
import data.simian.lib.testing as t

with_resources(resources) := t.deployment("web", 2, {"containers": [object.union(json.remove(t.container, ["resources"]), {"resources": resources})]})

test_res_001_no_requests_fails if {
	r := with_resources({"limits": {"memory": "128Mi"}})
	"K8S-RES-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_res_001_memory_request_only_fails if {
	r := with_resources({"requests": {"memory": "128Mi"}, "limits": {"memory": "128Mi"}})
	some v in violations with input as {"resources": [r]}
	v.rule == "K8S-RES-001"
	v.evidence.missing == ["cpu"]
}

test_res_001_cpu_and_memory_requests_pass if {
	r := with_resources({"requests": {"cpu": "1", "memory": "1Gi"}})
	not "K8S-RES-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_res_001_requirements_come_from_params if {
	r := with_resources({"requests": {"memory": "1Gi"}})
	not "K8S-RES-001" in t.fired(violations, r.ref) with input as {"resources": [r], "params": {"required_requests": ["memory"]}}
}

test_res_002_no_memory_limit_fails if {
	r := with_resources({"requests": {"cpu": "1", "memory": "1Gi"}})
	"K8S-RES-002" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_res_002_memory_limit_passes if {
	r := with_resources({"requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"memory": "1Gi"}})
	not "K8S-RES-002" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_res_002_cpu_limit_required_by_params_fails if {
	r := with_resources({"requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"memory": "1Gi"}})
	"K8S-RES-002" in t.fired(violations, r.ref) with input as {"resources": [r], "params": {"required_limits": ["cpu", "memory"]}}
}

test_res_applies_to_cronjob_containers if {
	c := json.remove(t.container, ["resources"])
	r := {
		"ref": "k8s:test/shop/CronJob/report",
		"provider": "kubernetes",
		"kind": "CronJob",
		"name": "report",
		"namespace": "shop",
		"labels": {"team": "shop"},
		"raw": {"spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [c]}}}}}},
	}
	t.fired(violations, r.ref) == {"K8S-RES-001", "K8S-RES-002"} with input as {"resources": [r]}
}
