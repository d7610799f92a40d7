package simian.aws.instances_test

import data.simian.aws.instances.violations
import data.simian.lib.testing as t

fires(id, r) if id in t.fired(violations, r.ref) with input as {"resources": [r]}

test_imds_001_tokens_optional_fails if {
	fires("AWS-IMDS-001", t.instance("i-1", {"MetadataOptions": {"HttpTokens": "optional", "HttpEndpoint": "enabled"}}, {}))
}

test_imds_001_tokens_required_passes if {
	not fires("AWS-IMDS-001", t.instance("i-1", {"MetadataOptions": {"HttpTokens": "required", "HttpEndpoint": "enabled"}}, {}))
}

test_imds_001_endpoint_disabled_passes if {
	not fires("AWS-IMDS-001", t.instance("i-1", {"MetadataOptions": {"HttpTokens": "optional", "HttpEndpoint": "disabled"}}, {}))
}

user_data(text) := t.aws_resource("InstanceUserData", "i-1", {"InstanceId": "i-1", "UserData": base64.encode(text)})

test_userdata_001_aws_key_fails if {
	r := user_data("#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n")
	some v in violations with input as {"resources": [r]}
	v.rule == "AWS-USERDATA-001"
	not contains(json.marshal(v), "wJalrXUtnFEMI")
	not contains(json.marshal(v), "AKIAIOSFODNN7EXAMPLE")
}

test_userdata_001_password_assignment_fails if fires("AWS-USERDATA-001", user_data("#!/bin/sh\nDB_PASSWORD='hunter2'\n"))

test_userdata_001_plain_script_passes if {
	not fires("AWS-USERDATA-001", user_data("#!/bin/bash\nyum install -y nginx\nsystemctl enable --now nginx\nTOKEN_URL=https://auth.example.com/token\n"))
}
