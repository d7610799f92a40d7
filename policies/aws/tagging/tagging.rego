# METADATA
# title: AWS tagging
# description: AWS resources say who owns them, so findings, costs and clean-ups reach a person.
package simian.aws.tagging

import data.simian.lib.aws
import data.simian.lib.params.params

# METADATA
# title: AWS resource without required tags
# description: |
#   An AWS resource lacks a non-empty tag from params.required_tags (owner by default). Tag keys are
#   compared without regard to case, so Owner and owner are the same tag.
# custom:
#   id: AWS-TAG-001
#   severity: low
#   provider: aws
#   remediation: Tag the resource with every required tag (e.g. owner=<team>); for instances in an Auto Scaling group, tag the group with PropagateAtLaunch.
#   frameworks: ["aws-well-architected:COST03", "aws-well-architected:OPS"]
#   enforceable: true
violations contains v if {
	some r in input.resources
	r.provider == "aws"
	present := aws.lower_tag_keys(r)
	missing := [t | some t in params.required_tags; not lower(t) in present]
	count(missing) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s has no %s tag", [r.kind, r.name, concat(", ", missing)]),
		"evidence": {"missing": missing},
	}
}
