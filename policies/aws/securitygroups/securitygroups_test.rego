package simian.aws.securitygroups_test

import data.simian.aws.securitygroups.violations
import data.simian.lib.testing as t

fires(id, r) if id in t.fired(violations, r.ref) with input as {"resources": [r]}

group(permissions) := t.aws_resource("SecurityGroup", "sg-1", {"GroupId": "sg-1", "GroupName": "web", "IpPermissions": permissions})

tcp(from, to, cidr) := {"IpProtocol": "tcp", "FromPort": from, "ToPort": to, "IpRanges": [{"CidrIp": cidr}]}

test_sg_001_ssh_from_anywhere_fails if {
	r := group([tcp(22, 22, "0.0.0.0/0")])
	some v in violations with input as {"resources": [r]}
	v.rule == "AWS-SG-001"
	v.evidence.observed == [{"path": "IpPermissions[0].IpRanges[0]", "value": "0.0.0.0/0"}]
	v.evidence.ports == [22]
}

test_sg_001_ssh_from_anywhere_ipv6_fails if {
	fires("AWS-SG-001", group([{"IpProtocol": "tcp", "FromPort": 0, "ToPort": 1024, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}]))
}

test_sg_001_ssh_from_vpn_passes if not fires("AWS-SG-001", group([tcp(22, 22, "10.8.0.0/16")]))

test_sg_002_rdp_from_anywhere_fails if fires("AWS-SG-002", group([tcp(3389, 3389, "0.0.0.0/0")]))

test_sg_002_https_from_anywhere_passes if not fires("AWS-SG-002", group([tcp(443, 443, "0.0.0.0/0")]))

test_sg_003_all_traffic_fails if fires("AWS-SG-003", group([{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]))

test_sg_003_all_tcp_ports_fail if fires("AWS-SG-003", group([tcp(0, 65535, "0.0.0.0/0")]))

test_sg_003_web_ports_pass if not fires("AWS-SG-003", group([tcp(80, 80, "0.0.0.0/0"), tcp(443, 443, "0.0.0.0/0")]))

test_sg_004_postgres_from_anywhere_fails if fires("AWS-SG-004", group([tcp(5432, 5432, "0.0.0.0/0")]))

test_sg_004_postgres_from_app_subnet_passes if not fires("AWS-SG-004", group([tcp(5432, 5432, "10.0.1.0/24")]))
