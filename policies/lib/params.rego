# METADATA
# title: Rule parameters
# description: |
#   Defaults for every configurable rule. Callers override any of them through
#   `input.params` (Simian's `policy.params`); objects merge key by key, lists are replaced.
package simian.lib.params

default_params := {
	# K8S-AVAIL-001: a workload claims to be highly available when one of these labels or
	# annotations has one of the listed values (case-insensitive).
	"ha_claims": {
		"simian.dev/availability": ["high", "ha"],
		"simian.dev/tier": ["critical"],
		"availability": ["high", "ha"],
	},
	# K8S-RES-001 / K8S-RES-002: resources every container must request, and must be limited in.
	# Only memory is limited by default: CPU limits throttle a container even when the node is idle.
	"required_requests": ["cpu", "memory"],
	"required_limits": ["memory"],
	# K8S-OWN-001: a workload (or its namespace) must carry at least one of these labels.
	"owner_labels": ["owner", "team", "simian.dev/owner"],
	# K8S-EXPO-001: port names (matched per word: `http-metrics` has the word `metrics`) and port
	# numbers that serve an admin or debug interface.
	"admin_port_names": ["admin", "debug", "pprof", "metrics", "management", "actuator", "jmx", "console"],
	"admin_ports": [
		2019, # Caddy admin API
		4848, # GlassFish admin console
		5005, # Java JDWP debugger
		6060, # Go net/http/pprof
		8001, # kubectl proxy, Kong admin
		8444, # Kong admin over TLS
		9229, # Node.js inspector
		9901, # Envoy admin
		9990, # WildFly management
		15000, # Istio sidecar (Envoy) admin
	],
	# K8S-EXPO-001: annotations that make a LoadBalancer internal (not reachable from the internet).
	"internal_lb_annotations": {
		"service.beta.kubernetes.io/aws-load-balancer-internal": ["true"],
		"service.beta.kubernetes.io/aws-load-balancer-scheme": ["internal"],
		"networking.gke.io/load-balancer-type": ["internal"],
		"cloud.google.com/load-balancer-type": ["internal"],
		"service.beta.kubernetes.io/azure-load-balancer-internal": ["true"],
		"service.beta.kubernetes.io/oci-load-balancer-internal": ["true"],
	},
	# K8S-HEALTH-003: the annotation that declares which dependencies the readiness probe checks.
	"depends_on_annotation": "simian.dev/depends-on",
	# AWS-TAG-001: tags every AWS resource must carry (keys compared case-insensitively).
	"required_tags": ["owner"],
}

params := object.union(default_params, object.get(input, "params", {}))
