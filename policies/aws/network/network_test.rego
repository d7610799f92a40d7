package simian.aws.network_test

import data.simian.aws.network.violations
import data.simian.lib.testing as t

test_net_001_instance_without_vpc_fails if {
	r := json.remove(t.instance("i-0classic", {}, {"owner": "shop"}), ["raw/VpcId"])
	"AWS-NET-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_net_001_instance_in_vpc_passes if {
	r := t.instance("i-0vpc", {}, {"owner": "shop"})
	not "AWS-NET-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}
