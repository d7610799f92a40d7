package simian.aws.tagging_test

import data.simian.aws.tagging.violations
import data.simian.lib.testing as t

test_tag_001_missing_owner_tag_fails if {
	r := t.instance("i-0untagged", {}, {"Name": "web"})
	"AWS-TAG-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_tag_001_empty_owner_tag_fails if {
	r := t.instance("i-0untagged", {}, {"owner": ""})
	"AWS-TAG-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_tag_001_owner_tag_in_any_case_passes if {
	r := t.instance("i-0tagged", {}, {"Owner": "shop"})
	not "AWS-TAG-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_tag_001_required_tags_come_from_params if {
	r := t.asg("web", ["eu-west-1a", "eu-west-1b"])
	some v in violations with input as {"resources": [r], "params": {"required_tags": ["owner", "cost-center"]}}
	v.evidence.missing == ["cost-center"]
}
