# METADATA
# title: Public snapshots and images
# description: |
#   Snapshots and AMIs are shared with named accounts at most: a public one hands its disk, and
#   whatever secrets are on it, to every AWS account.
package simian.aws.sharing

import data.simian.lib.security as sec

# METADATA
# title: Public EBS snapshot
# description: |
#   A snapshot's createVolumePermission includes the group "all": any AWS account can create a
#   volume from it and read the disk.
# custom:
#   id: AWS-SHARE-001
#   severity: critical
#   provider: aws
#   monkey: security
#   kinds: [Snapshot]
#   remediation: Remove the "all" group from the snapshot's createVolumePermission (aws ec2 modify-snapshot-attribute --create-volume-permission Remove=[{Group=all}]) and turn on block public access for snapshots.
#   frameworks: ["prowler:ec2_ebs_public_snapshot"]
violations contains v if {
	some r in input.resources
	r.provider == "aws"
	r.kind == "Snapshot"
	found := [sec.observed(sprintf("CreateVolumePermissions[%d]", [i]), p) |
		some i, p in object.get(r.raw, "CreateVolumePermissions", [])
		object.get(p, "Group", "") == "all"
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("snapshot %s is public: any AWS account may create a volume from it", [r.name]),
		"evidence": sec.evidence(found),
	}
}

# METADATA
# title: Public AMI (machine image)
# description: |
#   An AMI this account owns is public: any AWS account can launch it and read its disks, with
#   whatever was baked into them.
# custom:
#   id: AWS-SHARE-002
#   severity: high
#   provider: aws
#   monkey: security
#   kinds: [Image]
#   remediation: Remove the "all" group from the image's launch permission and turn on block public access for AMIs.
#   frameworks: ["prowler:ec2_ami_public"]
violations contains v if {
	some r in input.resources
	r.provider == "aws"
	r.kind == "Image"
	object.get(r.raw, "Public", false) == true
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("AMI %s (%s) is public", [r.name, object.get(r.raw, "Name", "")]),
		"evidence": sec.evidence([sec.observed("Public", true)]),
	}
}
