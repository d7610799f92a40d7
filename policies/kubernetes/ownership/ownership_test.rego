package simian.kubernetes.ownership_test

import data.simian.kubernetes.ownership.violations
import data.simian.lib.testing as t

unowned := json.patch(t.deployment("web", 2, t.pod_spec), [{"op": "replace", "path": "/labels", "value": {"app": "web"}}])

test_own_001_no_owner_label_fails if {
	"K8S-OWN-001" in t.fired(violations, unowned.ref) with input as {"resources": [unowned]}
}

test_own_001_empty_owner_label_fails if {
	r := object.union(unowned, {"labels": {"owner": " "}})
	"K8S-OWN-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_own_001_team_label_passes if {
	r := t.deployment("web", 2, t.pod_spec)
	not "K8S-OWN-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_own_001_owner_label_on_namespace_passes if {
	namespaces := {"_": {"shop": {"name": "shop", "labels": {"owner": "shop-team"}}}}
	not "K8S-OWN-001" in t.fired(violations, unowned.ref) with input as {"resources": [unowned]}
		with data.inventory.Namespace as namespaces
}

test_own_001_label_keys_come_from_params if {
	r := object.union(unowned, {"labels": {"cost-center": "42"}})
	not "K8S-OWN-001" in t.fired(violations, r.ref) with input as {"resources": [r], "params": {"owner_labels": ["cost-center"]}}
}
