package simian.aws.sharing_test

import data.simian.aws.sharing.violations
import data.simian.lib.testing as t

fires(id, r) if id in t.fired(violations, r.ref) with input as {"resources": [r]}

test_share_001_public_snapshot_fails if {
	fires("AWS-SHARE-001", t.aws_resource("Snapshot", "snap-1", {"SnapshotId": "snap-1", "CreateVolumePermissions": [{"Group": "all"}]}))
}

test_share_001_snapshot_shared_with_an_account_passes if {
	not fires("AWS-SHARE-001", t.aws_resource("Snapshot", "snap-1", {"SnapshotId": "snap-1", "CreateVolumePermissions": [{"UserId": "210987654321"}]}))
}

test_share_002_public_image_fails if fires("AWS-SHARE-002", t.aws_resource("Image", "ami-1", {"ImageId": "ami-1", "Public": true}))

test_share_002_private_image_passes if not fires("AWS-SHARE-002", t.aws_resource("Image", "ami-1", {"ImageId": "ami-1", "Public": false}))
