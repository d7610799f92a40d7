# METADATA
# title: S3 buckets
# description: |
#   Buckets are private unless meant otherwise, and encrypted by default. A bucket's raw object
#   is Simian's bucket details: Acl, Policy (parsed), PublicAccessBlock (null when not set) and
#   Encryption (null when not set).
package simian.aws.buckets

import data.simian.lib.security as sec

bucket(r) if {
	r.provider == "aws"
	r.kind == "Bucket"
}

public_groups := {
	"http://acs.amazonaws.com/groups/global/AllUsers",
	"http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}

# What the bucket's public access block says about one setting; an absent block blocks nothing.
blocks(r, setting) if object.get(r.raw, ["PublicAccessBlock", setting], false) == true

# METADATA
# title: S3 bucket public through its ACL
# description: |
#   The bucket's ACL grants a permission to AllUsers (anyone) or AuthenticatedUsers (anyone with
#   an AWS account), and no public access block ignores public ACLs.
# custom:
#   id: AWS-BUCKET-001
#   severity: critical
#   provider: aws
#   monkey: security
#   kinds: [Bucket]
#   remediation: Remove the grant (or set Object Ownership to BucketOwnerEnforced, which disables ACLs) and turn on the bucket's public access block.
#   frameworks: ["cis-aws-foundations-3.0:2.1.4", "trivy:AWS-0092", "prowler:s3_bucket_public_access", "prowler:s3_bucket_public_list_acl", "prowler:s3_bucket_public_write_acl"]
violations contains v if {
	some r in input.resources
	bucket(r)
	not blocks(r, "IgnorePublicAcls")
	found := [sec.observed(sprintf("Acl.Grants[%d]", [i]), grant) |
		some i, grant in object.get(r.raw, ["Acl", "Grants"], [])
		object.get(grant, ["Grantee", "URI"], "") in public_groups
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("bucket %s is public through its ACL (%s)", [r.name, concat(", ", sort({sprintf("%s to %s", [o.value.Permission, o.value.Grantee.URI]) | some o in found}))]),
		"evidence": sec.evidence(found),
	}
}

# METADATA
# title: S3 bucket public through its policy
# description: |
#   The bucket policy allows a principal of "*" without a condition that narrows it (source VPC,
#   source IP, organisation), and no public access block restricts public buckets.
# custom:
#   id: AWS-BUCKET-002
#   severity: critical
#   provider: aws
#   monkey: security
#   kinds: [Bucket]
#   remediation: Name the principals that need access, or add a condition (aws:SourceVpce, aws:PrincipalOrgID); serve public content through CloudFront with origin access control.
#   frameworks: ["cis-aws-foundations-3.0:2.1.4", "trivy:AWS-0093", "prowler:s3_bucket_public_access", "prowler:s3_bucket_policy_public_write_access"]
violations contains v if {
	some r in input.resources
	bucket(r)
	not blocks(r, "RestrictPublicBuckets")
	found := [sec.observed(sprintf("Policy.Statement[%d]", [i]), s) |
		some i, s in statements(r)
		s.Effect == "Allow"
		anyone(s.Principal)
		count(object.get(s, "Condition", {})) == 0
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("bucket %s is public through its policy: a statement allows everyone", [r.name]),
		"evidence": sec.evidence(found),
	}
}

statements(r) := s if {
	s := r.raw.Policy.Statement
	is_array(s)
} else := [s] if {
	s := r.raw.Policy.Statement
	is_object(s)
} else := []

anyone("*")

anyone(p) if p.AWS == "*"

anyone(p) if "*" in p.AWS

# METADATA
# title: S3 bucket without a full public access block
# description: |
#   The bucket has no public access block, or one with a setting turned off, so one careless ACL
#   or policy change makes it public. AWS turns all four on for new buckets; an older bucket, or
#   one changed since, may lack them.
# custom:
#   id: AWS-BUCKET-003
#   severity: medium
#   provider: aws
#   monkey: security
#   kinds: [Bucket]
#   remediation: Turn on BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets for the bucket (and for the account).
#   frameworks: ["cis-aws-foundations-3.0:2.1.4", "trivy:AWS-0086", "trivy:AWS-0087", "trivy:AWS-0091", "trivy:AWS-0093", "trivy:AWS-0094", "prowler:s3_bucket_level_public_access_block"]
violations contains v if {
	some r in input.resources
	bucket(r)
	missing := {s |
		some s in ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]
		not blocks(r, s)
	}
	count(missing) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("bucket %s's public access block leaves off %s", [r.name, concat(", ", sort(missing))]),
		"evidence": sec.evidence([sec.observed("PublicAccessBlock", object.get(r.raw, "PublicAccessBlock", null))]),
	}
}

# METADATA
# title: S3 bucket without default encryption
# description: |
#   The bucket has no default encryption configuration, so objects written without an encryption
#   header are stored as the client sent them (S3 encrypts new objects since 2023, but a bucket
#   whose configuration was removed, or an S3-compatible store, may not).
# custom:
#   id: AWS-BUCKET-004
#   severity: low
#   provider: aws
#   monkey: security
#   kinds: [Bucket]
#   remediation: Set default encryption (SSE-S3, or SSE-KMS with a key you control) on the bucket.
#   frameworks: ["trivy:AWS-0088", "prowler:s3_bucket_default_encryption"]
violations contains v if {
	some r in input.resources
	bucket(r)
	count(object.get(r.raw, ["Encryption", "Rules"], [])) == 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("bucket %s has no default encryption", [r.name]),
		"evidence": sec.evidence([sec.observed("Encryption", object.get(r.raw, "Encryption", null))]),
	}
}
