# METADATA
# title: Exposure
# description: Admin and debug interfaces stay inside the cluster.
package simian.kubernetes.exposure

import data.simian.lib.params.params

# METADATA
# title: Admin or debug port exposed outside the cluster
# description: |
#   A Service of type LoadBalancer (internet-facing: no internal-load-balancer annotation and no
#   loadBalancerSourceRanges narrower than 0.0.0.0/0) or NodePort (open on every node) exposes a
#   port whose name has a word from params.admin_port_names (admin, debug, pprof, metrics, ...) or
#   whose number is in params.admin_ports (6060 pprof, 9901 Envoy admin, ...). Anyone who reaches
#   the address reaches the admin interface.
# custom:
#   id: K8S-EXPO-001
#   severity: critical
#   provider: kubernetes
#   remediation: Serve the admin port from a separate ClusterIP Service (reach it with kubectl port-forward), make the load balancer internal, or restrict loadBalancerSourceRanges.
#   frameworks: ["aws-well-architected:SEC05", "nsa-cisa-kubernetes-hardening:network-separation"]
#   enforceable: true
violations contains v if {
	some r in input.resources
	r.provider == "kubernetes"
	r.kind == "Service"
	reach := reachable_from_outside(r)
	some port in object.get(r.raw.spec, "ports", [])
	why := admin_port(port)
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("Service %s (%s) exposes port %s, %s", [r.name, reach, port_label(port), why]),
		"evidence": {"type": r.raw.spec.type, "port": port},
	}
}

reachable_from_outside(r) := "type NodePort, open on every node" if {
	r.raw.spec.type == "NodePort"
} else := "an internet-facing LoadBalancer" if {
	r.raw.spec.type == "LoadBalancer"
	not internal_load_balancer(r)
	not restricted_source_ranges(r.raw.spec)
}

internal_load_balancer(r) if {
	some key, value in object.get(r, "annotations", {})
	some internal in object.get(params.internal_lb_annotations, key, [])
	lower(value) == lower(internal)
}

restricted_source_ranges(spec) if {
	ranges := object.get(spec, "loadBalancerSourceRanges", [])
	count(ranges) > 0
	every cidr in ranges {
		not cidr in {"0.0.0.0/0", "::/0"}
	}
}

admin_port(port) := sprintf("whose name has the word %s", [concat(", ", words)]) if {
	words := admin_words(port)
	count(words) > 0
} else := sprintf("a well-known admin port (%s)", [concat(", ", [format_int(n, 10) | some n in numbers])]) if {
	numbers := {n | some n in port_numbers(port); n in params.admin_ports}
	count(numbers) > 0
}

admin_words(port) := {word |
	some name in port_names(port)
	some word in split(replace(replace(lower(name), "_", "-"), ".", "-"), "-")
	word in {lower(w) | some w in params.admin_port_names}
}

port_names(port) := {n | some n in [object.get(port, "name", ""), object.get(port, "targetPort", "")]; is_string(n); n != ""}

port_numbers(port) := {n | some n in [object.get(port, "port", null), object.get(port, "targetPort", null)]; is_number(n)}

port_label(port) := sprintf("%d (%s)", [port.port, port.name]) if {
	object.get(port, "name", "") != ""
} else := sprintf("%d", [port.port])
