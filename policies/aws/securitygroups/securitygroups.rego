# METADATA
# title: Security groups
# description: |
#   Nothing is open to the whole internet (0.0.0.0/0 or ::/0) that an attacker scans for first:
#   remote administration, every port, and databases.
package simian.aws.securitygroups

import data.simian.lib.params.params
import data.simian.lib.security as sec

everywhere := {"0.0.0.0/0", "::/0"}

# A finding's evidence carries the ports it is about ("all" for every port), so that a probe can
# try them on the instances in the group.
#
# Each ingress permission open to the internet, with the port range it covers and its JSON path.
open_to_world(r) := [{"path": sprintf("IpPermissions[%d].%s[%d]", [i, field, j]), "cidr": cidr, "protocol": p.IpProtocol, "from": object.get(p, "FromPort", -1), "to": object.get(p, "ToPort", -1)} |
	some i, p in object.get(r.raw, "IpPermissions", [])
	some field, key in {"IpRanges": "CidrIp", "Ipv6Ranges": "CidrIpv6"}
	some j, range in object.get(p, field, [])
	cidr := object.get(range, key, "")
	cidr in everywhere
]

all_traffic(o) if o.protocol in {"-1", -1, "all"}

all_traffic(o) if {
	o.protocol in {"tcp", "6"}
	o.from <= 0
	o.to >= 65535
}

opens_port(o, _) if all_traffic(o)

opens_port(o, port) if {
	o.protocol in {"tcp", "6"}
	o.from <= port
	port <= o.to
}

security_group(r) if {
	r.provider == "aws"
	r.kind == "SecurityGroup"
}

port_finding(r, ports, what, id) := v if {
	security_group(r)
	found := [sec.observed(o.path, o.cidr) | some o in open_to_world(r); some port in ports; opens_port(o, port)]
	count(found) > 0
	v := {
		"rule": id,
		"ref": r.ref,
		"message": sprintf("security group %s (%s) lets the internet (%s) reach %s", [r.name, object.get(r.raw, "GroupName", r.name), concat(", ", sort({o.value | some o in found})), what]),
		"evidence": object.union(sec.evidence(found), {"ports": sort(ports)}),
	}
}

# METADATA
# title: SSH open to the internet
# description: |
#   A security group lets 0.0.0.0/0 or ::/0 reach TCP port 22: every SSH scanner on the internet
#   tries its passwords and exploits on whatever the group protects.
# custom:
#   id: AWS-SG-001
#   severity: high
#   provider: aws
#   monkey: security
#   kinds: [SecurityGroup]
#   remediation: Allow SSH only from known ranges (a VPN, a bastion's group), or drop it for SSM Session Manager.
#   frameworks: ["cis-aws-foundations-3.0:5.2", "cis-aws-foundations-3.0:5.3", "trivy:AWS-0107", "prowler:ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22"]
violations contains v if {
	some r in input.resources
	v := port_finding(r, [22], "SSH (port 22)", rego.metadata.rule().custom.id)
}

# METADATA
# title: RDP open to the internet
# description: |
#   A security group lets 0.0.0.0/0 or ::/0 reach TCP port 3389, Windows Remote Desktop, a
#   favourite of ransomware crews.
# custom:
#   id: AWS-SG-002
#   severity: high
#   provider: aws
#   monkey: security
#   kinds: [SecurityGroup]
#   remediation: Allow RDP only from known ranges, or reach the hosts through Fleet Manager or a bastion.
#   frameworks: ["cis-aws-foundations-3.0:5.2", "cis-aws-foundations-3.0:5.3", "trivy:AWS-0107", "prowler:ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389"]
violations contains v if {
	some r in input.resources
	v := port_finding(r, [3389], "RDP (port 3389)", rego.metadata.rule().custom.id)
}

# METADATA
# title: Every port open to the internet
# description: |
#   A security group lets 0.0.0.0/0 or ::/0 reach all protocols, or every TCP port: whatever
#   listens on the instances behind it, including what nobody meant to publish, is public.
# custom:
#   id: AWS-SG-003
#   severity: critical
#   provider: aws
#   monkey: security
#   kinds: [SecurityGroup]
#   remediation: Replace the rule by one rule per port the service publishes.
#   frameworks: ["cis-aws-foundations-3.0:5.2", "trivy:AWS-0107", "prowler:ec2_securitygroup_allow_ingress_from_internet_to_all_ports"]
violations contains v if {
	some r in input.resources
	security_group(r)
	found := [sec.observed(o.path, o.cidr) | some o in open_to_world(r); all_traffic(o)]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("security group %s (%s) lets the internet reach every port", [r.name, object.get(r.raw, "GroupName", r.name)]),
		"evidence": object.union(sec.evidence(found), {"ports": "all"}),
	}
}

# METADATA
# title: Database port open to the internet
# description: |
#   A security group lets 0.0.0.0/0 or ::/0 reach a database or data-store port (MySQL,
#   PostgreSQL, SQL Server, Oracle, MongoDB, Redis, Memcached, Elasticsearch, Cassandra, ...).
#   Databases are scanned for and ransomed within hours of being exposed.
# custom:
#   id: AWS-SG-004
#   severity: critical
#   provider: aws
#   monkey: security
#   kinds: [SecurityGroup]
#   remediation: Allow the port only from the application's security group; put the database in private subnets.
#   frameworks: ["trivy:AWS-0107", "prowler:ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mysql_3306", "prowler:ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_postgres_5432", "prowler:ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports"]
violations contains v if {
	some r in input.resources
	security_group(r)
	ports := {port |
		some o in open_to_world(r)
		not all_traffic(o)
		some port in params.database_ports
		opens_port(o, port)
	}
	count(ports) > 0
	v := port_finding(r, ports, sprintf("database ports %s", [concat(", ", [format_int(p, 10) | some p in sort(ports)])]), rego.metadata.rule().custom.id)
}
