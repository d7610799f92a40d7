# METADATA
# title: EBS encryption
# description: Disks and the snapshots taken of them are encrypted at rest, by default.
package simian.aws.ebs

import data.simian.lib.security as sec

# METADATA
# title: Unencrypted EBS volume
# description: |
#   An EBS volume is not encrypted: its data, and every snapshot taken of it, sit in clear text,
#   and a snapshot shared by mistake is readable by whoever receives it.
# custom:
#   id: AWS-EBS-001
#   severity: medium
#   provider: aws
#   monkey: security
#   kinds: [Volume]
#   remediation: Snapshot the volume, copy the snapshot with encryption on, and replace the volume by one made from the copy; turn on encryption by default for the region.
#   frameworks: ["cis-aws-foundations-3.0:2.2.1", "trivy:AWS-0026", "prowler:ec2_ebs_volume_encryption"]
violations contains v if {
	some r in input.resources
	r.provider == "aws"
	r.kind == "Volume"
	object.get(r.raw, "Encrypted", false) != true
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("volume %s is not encrypted", [r.name]),
		"evidence": sec.evidence([sec.observed("Encrypted", object.get(r.raw, "Encrypted", null))]),
	}
}

# METADATA
# title: EBS encryption by default is off
# description: |
#   The region does not encrypt new EBS volumes by default, so every volume created without asking
#   (by a launch template, a console click, a tool) is unencrypted.
# custom:
#   id: AWS-EBS-002
#   severity: medium
#   provider: aws
#   monkey: security
#   kinds: [EbsEncryptionByDefault]
#   remediation: Turn on EBS encryption by default in every region (aws ec2 enable-ebs-encryption-by-default).
#   frameworks: ["cis-aws-foundations-3.0:2.2.1", "prowler:ec2_ebs_default_encryption"]
violations contains v if {
	some r in input.resources
	r.provider == "aws"
	r.kind == "EbsEncryptionByDefault"
	object.get(r.raw, "EbsEncryptionByDefault", false) != true
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("region %s does not encrypt new EBS volumes by default", [object.get(r, "region", r.name)]),
		"evidence": sec.evidence([sec.observed("EbsEncryptionByDefault", object.get(r.raw, "EbsEncryptionByDefault", null))]),
	}
}
