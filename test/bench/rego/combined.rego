# METADATA
# title: Simian's rules over all documents at once, for `conftest test --combine` and `opa eval`
# description: |
#   `conftest test --combine` gives every document as `input`, an array of {path, contents};
#   `opa eval` gets the same array as its JSON input. This wrapper turns it into Simian's batch
#   (`input.resources`) and publishes the related kinds as `data.inventory[kind][scope][name]`,
#   exactly as Simian's engine does, then asks every Kubernetes rule family: the same rules over
#   the same data, so the findings match Simian's.
package simian.bench.combined

import data.simian.kubernetes.availability
import data.simian.kubernetes.exposure
import data.simian.kubernetes.healthchecks
import data.simian.kubernetes.images
import data.simian.kubernetes.ownership
import data.simian.kubernetes.resources as resource_rules

cluster_scoped := {"Namespace"}

related_kinds := {"PodDisruptionBudget", "HorizontalPodAutoscaler", "Namespace"}

resources := [to_resource(doc.contents) | some doc in input]

to_resource(o) := r if {
	o.kind in cluster_scoped
	r := {
		"ref": sprintf("_/%s/%s", [o.kind, o.metadata.name]),
		"provider": "kubernetes",
		"kind": o.kind,
		"name": o.metadata.name,
		"labels": object.get(o.metadata, "labels", {}),
		"annotations": object.get(o.metadata, "annotations", {}),
		"raw": o,
	}
}

to_resource(o) := r if {
	not o.kind in cluster_scoped
	ns := object.get(o.metadata, "namespace", "default")
	r := {
		"ref": sprintf("%s/%s/%s", [ns, o.kind, o.metadata.name]),
		"provider": "kubernetes",
		"kind": o.kind,
		"name": o.metadata.name,
		"namespace": ns,
		"labels": object.get(o.metadata, "labels", {}),
		"annotations": object.get(o.metadata, "annotations", {}),
		"raw": o,
	}
}

inventory[kind][scope][name] := r if {
	some r in resources
	r.kind in related_kinds
	kind := r.kind
	scope := object.get(r, "namespace", "_")
	name := r.name
}

batch := {"resources": resources}

deny contains message(v) if {
	b := batch
	inv := inventory
	found := availability.violations with input as b with data.inventory as inv
	some v in found
}

deny contains message(v) if {
	b := batch
	found := exposure.violations with input as b
	some v in found
}

deny contains message(v) if {
	b := batch
	found := healthchecks.violations with input as b
	some v in found
}

deny contains message(v) if {
	b := batch
	found := images.violations with input as b
	some v in found
}

deny contains message(v) if {
	b := batch
	inv := inventory
	found := ownership.violations with input as b with data.inventory as inv
	some v in found
}

deny contains message(v) if {
	b := batch
	found := resource_rules.violations with input as b
	some v in found
}

message(v) := sprintf("%s %s: %s", [v.rule, v.ref, v.message])
