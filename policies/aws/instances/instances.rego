# METADATA
# title: EC2 instances
# description: Instances hand their credentials only to those who must have them.
package simian.aws.instances

import data.simian.lib.aws
import data.simian.lib.security as sec

# METADATA
# title: IMDSv1 allowed
# description: |
#   The instance metadata service answers version 1 requests (HttpTokens optional): a server-side
#   request forgery in any application on the instance reads the instance role's credentials with
#   one GET.
# custom:
#   id: AWS-IMDS-001
#   severity: high
#   provider: aws
#   monkey: security
#   kinds: [Instance]
#   remediation: Require IMDSv2 (aws ec2 modify-instance-metadata-options --http-tokens required), and in launch templates; set the account default.
#   frameworks: ["cis-aws-foundations-3.0:5.6", "trivy:AWS-0028", "prowler:ec2_instance_imdsv2_enabled"]
violations contains v if {
	some r in input.resources
	aws.live_instance(r)
	options := object.get(r.raw, "MetadataOptions", {})
	object.get(options, "HttpEndpoint", "enabled") != "disabled"
	object.get(options, "HttpTokens", "optional") != "required"
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("instance %s answers IMDSv1 requests (HttpTokens is %s)", [r.name, object.get(options, "HttpTokens", "not set")]),
		"evidence": sec.evidence([sec.observed("MetadataOptions.HttpTokens", object.get(options, "HttpTokens", null))]),
	}
}

# METADATA
# title: Secret in instance user data
# description: |
#   An instance's user data holds a credential (an AWS key, a private key, a token, a password
#   assignment): anyone who may describe the instance, and every process on it through the
#   metadata service, reads it.
# custom:
#   id: AWS-USERDATA-001
#   severity: high
#   provider: aws
#   monkey: security
#   kinds: [InstanceUserData]
#   remediation: Fetch secrets at boot from Secrets Manager or SSM Parameter Store with the instance role, rotate the exposed one, and replace the user data.
#   frameworks: ["trivy:AWS-0029", "prowler:ec2_instance_secrets_user_data"]
violations contains v if {
	some r in input.resources
	r.provider == "aws"
	r.kind == "InstanceUserData"
	text := user_data(r)
	found := {f |
		some line in split(text, "\n")
		some f in line_secrets(line)
	}
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("user data of instance %s holds secrets: %s", [object.get(r.raw, "InstanceId", r.name), concat("; ", sort({f.what | some f in found}))]),
		"evidence": sec.evidence([sec.observed("UserData", sec.redacted(text))]),
	}
}

user_data(r) := base64.decode(r.raw.UserData) if {
	base64.is_valid(r.raw.UserData)
} else := r.raw.UserData if {
	is_string(r.raw.UserData)
}

line_secrets(line) := {{"what": what} | some what in sec.token_shapes(line)} | {{"what": sprintf("%s is assigned a literal", [m[1]])} |
	some m in regex.find_all_string_submatch_n(`(?i)(?:export[ \t]+)?([A-Za-z0-9_.-]+)[ \t]*[=:][ \t]*["']?([^"'\s#]+)`, line, -1)
	sec.secret_name(m[1])
	sec.literal(m[2])
}
