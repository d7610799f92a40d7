# METADATA
# title: AWS network
# description: Instances live inside a VPC, where security groups, flow logs and private subnets apply.
package simian.aws.network

import data.simian.lib.aws

# METADATA
# title: EC2 instance outside a VPC
# description: |
#   An EC2 instance has no VpcId: it runs in EC2-Classic (or its network is unknown), outside the
#   isolation, routing and subnet placement that a VPC gives.
# custom:
#   id: AWS-NET-001
#   severity: high
#   provider: aws
#   remediation: Relaunch the instance in a VPC subnet (migrate from EC2-Classic).
#   frameworks: ["aws-well-architected:SEC05-BP01", "aws-well-architected:REL02"]
#   enforceable: true
violations contains v if {
	some r in input.resources
	aws.live_instance(r)
	object.get(r.raw, "VpcId", "") == ""
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("instance %s is not in a VPC", [r.name]),
		"evidence": {"instanceId": object.get(r.raw, "InstanceId", r.name)},
	}
}
