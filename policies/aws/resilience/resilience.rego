# METADATA
# title: AWS resilience
# description: Compute that replaces itself when an instance or a zone fails.
package simian.aws.resilience

import data.simian.lib.aws

# METADATA
# title: EC2 instance outside an Auto Scaling group
# description: |
#   A running or stopped EC2 instance belongs to no Auto Scaling group (it has no
#   aws:autoscaling:groupName tag), so nothing replaces it when it or its host fails.
# custom:
#   id: AWS-RES-001
#   severity: medium
#   provider: aws
#   remediation: Launch the instance from a launch template through an Auto Scaling group (a group of one is fine), so a failed instance is replaced.
#   frameworks: ["aws-well-architected:REL07-BP01", "aws-well-architected:REL11"]
#   enforceable: false
violations contains v if {
	some r in input.resources
	aws.live_instance(r)
	not aws.tag(r, "aws:autoscaling:groupName")
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("instance %s is not in an Auto Scaling group", [r.name]),
		"evidence": {"instanceId": object.get(r.raw, "InstanceId", r.name)},
	}
}

# METADATA
# title: Auto Scaling group in a single Availability Zone
# description: |
#   An Auto Scaling group launches instances into one Availability Zone only, so the loss of that
#   zone takes the whole group down.
# custom:
#   id: AWS-RES-002
#   severity: high
#   provider: aws
#   remediation: Give the group subnets (VPCZoneIdentifier) in at least two Availability Zones.
#   frameworks: ["aws-well-architected:REL10-BP01"]
#   enforceable: false
violations contains v if {
	some r in input.resources
	r.provider == "aws"
	r.kind == "AutoScalingGroup"
	zones := object.get(r.raw, "AvailabilityZones", [])
	count(zones) < 2
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("Auto Scaling group %s uses %d Availability Zone(s): %s", [r.name, count(zones), concat(", ", zones)]),
		"evidence": {"availabilityZones": zones},
	}
}
