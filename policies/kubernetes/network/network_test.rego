package simian.kubernetes.network_test

import data.simian.kubernetes.network.violations
import data.simian.lib.testing as t

fires(id, r) if id in t.fired(violations, r.ref) with input as {"resources": [r]}

shop := t.k8s_object("Namespace", "shop", null, {})

test_net_001_namespace_without_policy_fails if fires("K8S-NET-001", shop)

test_net_001_namespace_with_policy_passes if {
	not "K8S-NET-001" in t.fired(violations, shop.ref) with input as {"resources": [shop]}
		with data.inventory.NetworkPolicy as t.deny_all
}

ingress(spec) := t.k8s_object("Ingress", "web", "shop", {"spec": spec})

rules := [{"host": "shop.example.com", "http": {"paths": [{"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "web", "port": {"number": 80}}}}]}}]

test_net_002_ingress_without_tls_fails if fires("K8S-NET-002", ingress({"rules": rules}))

test_net_002_host_missing_from_tls_fails if {
	fires("K8S-NET-002", ingress({"rules": rules, "tls": [{"hosts": ["api.example.com"], "secretName": "api-tls"}]}))
}

test_net_002_ingress_with_tls_passes if {
	not fires("K8S-NET-002", ingress({"rules": rules, "tls": [{"hosts": ["*.example.com"], "secretName": "wildcard-tls"}]}))
}

web := t.pod("web", t.secure_pod_spec)

test_net_003_unselected_workload_fails if fires("K8S-NET-003", web)

test_net_003_selected_workload_passes if {
	not "K8S-NET-003" in t.fired(violations, web.ref) with input as {"resources": [web]}
		with data.inventory.NetworkPolicy as t.deny_all
}

test_net_003_policy_for_other_pods_fails if {
	other := {"shop": {"db": t.k8s_object("NetworkPolicy", "db", "shop", {"spec": {"podSelector": {"matchLabels": {"app": "db"}}}})}}
	"K8S-NET-003" in t.fired(violations, web.ref) with input as {"resources": [web]}
		with data.inventory.NetworkPolicy as other
}

test_net_004_node_port_fails if fires("K8S-NET-004", t.service("web", "NodePort", [{"port": 80, "nodePort": 30080}], {}))

test_net_004_cluster_ip_passes if not fires("K8S-NET-004", t.service("web", "ClusterIP", [{"port": 80}], {}))
