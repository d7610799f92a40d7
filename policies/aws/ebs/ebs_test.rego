package simian.aws.ebs_test

import data.simian.aws.ebs.violations
import data.simian.lib.testing as t

fires(id, r) if id in t.fired(violations, r.ref) with input as {"resources": [r]}

test_ebs_001_unencrypted_volume_fails if fires("AWS-EBS-001", t.aws_resource("Volume", "vol-1", {"VolumeId": "vol-1", "Encrypted": false}))

test_ebs_001_encrypted_volume_passes if not fires("AWS-EBS-001", t.aws_resource("Volume", "vol-1", {"VolumeId": "vol-1", "Encrypted": true}))

test_ebs_002_default_encryption_off_fails if {
	fires("AWS-EBS-002", t.aws_resource("EbsEncryptionByDefault", "eu-west-1", {"EbsEncryptionByDefault": false}))
}

test_ebs_002_default_encryption_on_passes if {
	not fires("AWS-EBS-002", t.aws_resource("EbsEncryptionByDefault", "eu-west-1", {"EbsEncryptionByDefault": true}))
}
