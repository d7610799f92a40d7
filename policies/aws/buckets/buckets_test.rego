package simian.aws.buckets_test

import data.simian.aws.buckets.violations
import data.simian.lib.testing as t

fires(id, r) if id in t.fired(violations, r.ref) with input as {"resources": [r]}

blocked := {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}

bucket(fields) := t.aws_resource("Bucket", "assets", object.union(
	{
		"Name": "assets",
		"Acl": {"Grants": [{"Grantee": {"Type": "CanonicalUser", "ID": "owner"}, "Permission": "FULL_CONTROL"}]},
		"Policy": null,
		"PublicAccessBlock": blocked,
		"Encryption": {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]},
	},
	fields,
))

all_users_read := {"Grants": [{"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ"}]}

test_bucket_001_public_acl_fails if fires("AWS-BUCKET-001", bucket({"Acl": all_users_read, "PublicAccessBlock": null}))

test_bucket_001_public_acl_ignored_by_block_passes if not fires("AWS-BUCKET-001", bucket({"Acl": all_users_read}))

public_policy := {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::assets/*"}]}

test_bucket_002_public_policy_fails if fires("AWS-BUCKET-002", bucket({"Policy": public_policy, "PublicAccessBlock": null}))

test_bucket_002_conditioned_policy_passes if {
	policy := {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}}]}
	not fires("AWS-BUCKET-002", bucket({"Policy": policy, "PublicAccessBlock": null}))
}

test_bucket_003_no_block_fails if fires("AWS-BUCKET-003", bucket({"PublicAccessBlock": null}))

test_bucket_003_partial_block_fails if fires("AWS-BUCKET-003", bucket({"PublicAccessBlock": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": false, "RestrictPublicBuckets": true}}))

test_bucket_003_full_block_passes if not fires("AWS-BUCKET-003", bucket({}))

test_bucket_004_no_encryption_fails if fires("AWS-BUCKET-004", bucket({"Encryption": null}))

test_bucket_004_encryption_passes if not fires("AWS-BUCKET-004", bucket({}))
