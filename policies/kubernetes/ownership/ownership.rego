# METADATA
# title: Ownership
# description: Every workload has someone to call when it misbehaves.
package simian.kubernetes.ownership

import data.simian.lib.kubernetes as k8s
import data.simian.lib.params.params

# METADATA
# title: Workload without an owner label
# description: |
#   Neither the workload nor its namespace carries any of the labels in params.owner_labels
#   (owner, team, simian.dev/owner by default), so nobody can be told about its findings, and the
#   janitor cannot tell an orphan from a service.
# custom:
#   id: K8S-OWN-001
#   severity: low
#   provider: kubernetes
#   remediation: Label the workload (or its namespace) with owner or team, for example team=payments.
#   frameworks: ["aws-well-architected:OPS"]
#   enforceable: true
#   inventory_kinds: ["Namespace"]
violations contains v if {
	some r in input.resources
	k8s.is_workload(r)
	not owned(object.get(r, "labels", {}))
	not owned(namespace_labels(r))
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s has no owner label (any of %s), and neither has its namespace %s", [r.kind, r.name, concat(", ", params.owner_labels), k8s.namespace(r)]),
		"evidence": {"expected": params.owner_labels},
	}
}

owned(labels) if {
	some key in params.owner_labels
	trim_space(object.get(labels, key, "")) != ""
}

namespace_labels(r) := object.get(k8s.inventory("Namespace", "_"), [k8s.namespace(r), "labels"], {})
