package simian.kubernetes.exposure_test

import data.simian.kubernetes.exposure.violations
import data.simian.lib.testing as t

http := {"name": "http", "port": 80, "targetPort": 8080}

admin := {"name": "admin", "port": 9000, "targetPort": 9000}

test_expo_001_load_balancer_with_admin_port_name_fails if {
	r := t.service("web", "LoadBalancer", [http, admin], {})
	"K8S-EXPO-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_expo_001_node_port_with_pprof_number_fails if {
	r := t.service("web", "NodePort", [http, {"port": 6060}], {})
	some v in violations with input as {"resources": [r]}
	v.rule == "K8S-EXPO-001"
	contains(v.message, "6060")
}

test_expo_001_word_in_port_name_fails if {
	r := t.service("web", "LoadBalancer", [http, {"name": "http-metrics", "port": 9100}], {})
	"K8S-EXPO-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_expo_001_named_target_port_fails if {
	r := t.service("web", "LoadBalancer", [{"name": "web", "port": 8443, "targetPort": "debug"}], {})
	"K8S-EXPO-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_expo_001_cluster_ip_passes if {
	r := t.service("web", "ClusterIP", [http, admin], {})
	not "K8S-EXPO-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_expo_001_internal_load_balancer_passes if {
	r := t.service("web", "LoadBalancer", [http, admin], {"service.beta.kubernetes.io/aws-load-balancer-scheme": "internal"})
	not "K8S-EXPO-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_expo_001_restricted_source_ranges_pass if {
	r := json.patch(t.service("web", "LoadBalancer", [http, admin], {}), [{"op": "add", "path": "/raw/spec/loadBalancerSourceRanges", "value": ["10.0.0.0/8"]}])
	not "K8S-EXPO-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_expo_001_open_source_range_fails if {
	r := json.patch(t.service("web", "LoadBalancer", [http, admin], {}), [{"op": "add", "path": "/raw/spec/loadBalancerSourceRanges", "value": ["0.0.0.0/0"]}])
	"K8S-EXPO-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_expo_001_public_service_without_admin_port_passes if {
	r := t.service("web", "LoadBalancer", [http, {"name": "https", "port": 443}], {})
	not "K8S-EXPO-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}
