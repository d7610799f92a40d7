package simian.aws.resilience_test

import data.simian.aws.resilience.violations
import data.simian.lib.testing as t

test_res_001_standalone_instance_fails if {
	r := t.instance("i-0standalone", {}, {"owner": "shop"})
	"AWS-RES-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_res_001_instance_in_asg_passes if {
	r := t.instance("i-0member", {}, {"owner": "shop", "aws:autoscaling:groupName": "web"})
	not "AWS-RES-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_res_001_asg_tag_only_in_raw_passes if {
	r := object.union(t.instance("i-0member", {}, {"aws:autoscaling:groupName": "web"}), {"labels": {}})
	not "AWS-RES-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_res_001_terminated_instance_passes if {
	r := t.instance("i-0gone", {"State": {"Name": "terminated"}}, {})
	not "AWS-RES-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_res_002_single_zone_asg_fails if {
	r := t.asg("web", ["eu-west-1a"])
	"AWS-RES-002" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_res_002_multi_zone_asg_passes if {
	r := t.asg("web", ["eu-west-1a", "eu-west-1b"])
	not "AWS-RES-002" in t.fired(violations, r.ref) with input as {"resources": [r]}
}
