# METADATA
# title: Simian's rules for `conftest test`, one document at a time
# description: |
#   conftest evaluates each YAML document as `input` and reads rules named `deny`; Simian's rules
#   read a batch (`input.resources`) and name theirs `violations`. This wrapper turns the document
#   into a one-resource batch in Simian's input shape and asks every Kubernetes rule family.
#   Related resources (data.inventory: PodDisruptionBudgets, Namespaces) are not visible one
#   document at a time, so the cross-resource rules judge without them.
package simian.bench.conftest

import data.simian.kubernetes.availability
import data.simian.kubernetes.exposure
import data.simian.kubernetes.healthchecks
import data.simian.kubernetes.images
import data.simian.kubernetes.ownership
import data.simian.kubernetes.resources

namespace := object.get(input.metadata, "namespace", "default")

batch := {"resources": [{
	"ref": sprintf("%s/%s/%s", [namespace, input.kind, input.metadata.name]),
	"provider": "kubernetes",
	"kind": input.kind,
	"name": input.metadata.name,
	"namespace": namespace,
	"labels": object.get(input.metadata, "labels", {}),
	"annotations": object.get(input.metadata, "annotations", {}),
	"raw": input,
}]}

deny contains message(v) if {
	found := availability.violations with input as batch
	some v in found
}

deny contains message(v) if {
	found := exposure.violations with input as batch
	some v in found
}

deny contains message(v) if {
	found := healthchecks.violations with input as batch
	some v in found
}

deny contains message(v) if {
	found := images.violations with input as batch
	some v in found
}

deny contains message(v) if {
	found := ownership.violations with input as batch
	some v in found
}

deny contains message(v) if {
	found := resources.violations with input as batch
	some v in found
}

message(v) := sprintf("%s %s: %s", [v.rule, v.ref, v.message])
