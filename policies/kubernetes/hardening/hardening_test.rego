package simian.kubernetes.hardening_test

import data.simian.kubernetes.hardening.violations
import data.simian.lib.testing as t

fires(id, r) if id in t.fired(violations, r.ref) with input as {"resources": [r]}

secure := t.pod("web", t.secure_pod_spec)

test_hard_001_docker_socket_fails if {
	r := t.pod("ci", t.spec_with({"volumes": [{"name": "docker", "hostPath": {"path": "/var/run/docker.sock", "type": "Socket"}}]}))
	some v in violations with input as {"resources": [r]}
	v.rule == "K8S-HARD-001"
	v.evidence.observed == [{"path": "spec.volumes[0].hostPath.path", "value": "/var/run/docker.sock"}]
}

test_hard_001_containerd_folder_fails if {
	fires("K8S-HARD-001", t.pod("ci", t.spec_with({"volumes": [{"name": "run", "hostPath": {"path": "/run/containerd/"}}]})))
}

test_hard_001_other_host_path_passes if {
	not fires("K8S-HARD-001", t.pod("logs", t.spec_with({"volumes": [{"name": "logs", "hostPath": {"path": "/var/log"}}]})))
}

test_hard_002_sys_admin_fails if {
	fires("K8S-HARD-002", t.pod("web", t.spec_with({"containers": [t.container_with({"capabilities": {"add": ["SYS_ADMIN"]}})]})))
}

test_hard_002_cap_prefixed_net_admin_fails if {
	fires("K8S-HARD-002", t.pod("web", t.spec_with({"containers": [t.container_with({"capabilities": {"add": ["CAP_NET_ADMIN"]}})]})))
}

test_hard_002_bind_service_passes if {
	not fires("K8S-HARD-002", t.pod("web", t.spec_with({"containers": [t.container_with({"capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}})]})))
}

test_hard_003_writable_root_fails if {
	fires("K8S-HARD-003", t.pod("web", t.spec_with({"containers": [t.container_with({"readOnlyRootFilesystem": false})]})))
}

test_hard_003_read_only_root_passes if not fires("K8S-HARD-003", secure)

unbound := t.pod("web", json.remove(t.secure_pod_spec, ["automountServiceAccountToken"]))

test_hard_004_token_without_binding_fails if fires("K8S-HARD-004", unbound)

test_hard_004_token_with_binding_passes if {
	binding := t.k8s_object("RoleBinding", "web-reader", "shop", {"roleRef": {"kind": "Role", "name": "reader"}, "subjects": [{"kind": "ServiceAccount", "name": "default"}]})
	not "K8S-HARD-004" in t.fired(violations, unbound.ref) with input as {"resources": [unbound]}
		with data.inventory.RoleBinding as {"shop": {"web-reader": binding}}
}

test_hard_004_service_account_without_automount_passes if {
	account := t.k8s_object("ServiceAccount", "default", "shop", {"automountServiceAccountToken": false})
	not "K8S-HARD-004" in t.fired(violations, unbound.ref) with input as {"resources": [unbound]}
		with data.inventory.ServiceAccount as {"shop": {"default": account}}
}

test_hard_004_automount_off_passes if not fires("K8S-HARD-004", secure)

test_hard_005_low_user_id_fails if {
	fires("K8S-HARD-005", t.pod("web", t.spec_with({"containers": [t.container_with({"runAsUser": 1000})]})))
}

test_hard_005_high_ids_pass if not fires("K8S-HARD-005", secure)

test_hard_006_dashboard_fails if {
	c := object.union(t.secure_container, {"image": "docker.io/kubernetesui/dashboard:v2.7.0"})
	fires("K8S-HARD-006", t.pod("dashboard", t.spec_with({"containers": [c]})))
}

test_hard_006_other_image_passes if not fires("K8S-HARD-006", secure)

test_hard_007_tiller_fails if {
	c := object.union(t.secure_container, {"image": "gcr.io/kubernetes-helm/tiller:v2.16.1"})
	fires("K8S-HARD-007", t.deployment("tiller-deploy", 1, t.spec_with({"containers": [c]})))
}

test_hard_007_other_image_passes if not fires("K8S-HARD-007", secure)

test_hard_008_default_account_automounts_fails if {
	fires("K8S-HARD-008", t.k8s_object("ServiceAccount", "default", "shop", {}))
}

test_hard_008_default_account_without_automount_passes if {
	not fires("K8S-HARD-008", t.k8s_object("ServiceAccount", "default", "shop", {"automountServiceAccountToken": false}))
}
