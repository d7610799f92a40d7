package simian.kubernetes.baseline_test

import data.simian.kubernetes.baseline.violations
import data.simian.lib.testing as t

fires(id, r) if id in t.fired(violations, r.ref) with input as {"resources": [r]}

secure := t.pod("web", t.secure_pod_spec)

test_psb_001_host_process_fails if {
	fires("K8S-PSB-001", t.pod("win", t.spec_with({"securityContext": {"windowsOptions": {"hostProcess": true}}})))
}

test_psb_001_secure_pod_passes if not fires("K8S-PSB-001", secure)

test_psb_002_host_pid_fails if fires("K8S-PSB-002", t.pod("debug", t.spec_with({"hostPID": true})))

test_psb_002_secure_pod_passes if not fires("K8S-PSB-002", t.pod("debug", t.spec_with({"hostPID": false})))

test_psb_003_host_ipc_fails if fires("K8S-PSB-003", t.pod("ipc", t.spec_with({"hostIPC": true})))

test_psb_003_secure_pod_passes if not fires("K8S-PSB-003", secure)

test_psb_004_host_network_fails if fires("K8S-PSB-004", t.pod("net", t.spec_with({"hostNetwork": true})))

test_psb_004_secure_pod_passes if not fires("K8S-PSB-004", secure)

test_psb_005_privileged_fails if {
	r := t.pod("debug", t.spec_with({"containers": [t.container_with({"privileged": true})]}))
	some v in violations with input as {"resources": [r]}
	v.rule == "K8S-PSB-005"
	v.evidence.observed == [{"path": "spec.containers[0].securityContext.privileged", "value": true}]
}

test_psb_005_privileged_init_container_in_deployment_fails if {
	spec := t.spec_with({"initContainers": [t.container_with({"privileged": true})]})
	fires("K8S-PSB-005", t.deployment("web", 2, spec))
}

test_psb_005_unprivileged_passes if {
	not fires("K8S-PSB-005", t.pod("web", t.spec_with({"containers": [t.container_with({"privileged": false})]})))
}

test_psb_006_net_raw_added_fails if {
	c := t.container_with({"capabilities": {"drop": ["ALL"], "add": ["NET_RAW"]}})
	fires("K8S-PSB-006", t.pod("ping", t.spec_with({"containers": [c]})))
}

test_psb_006_baseline_capability_passes if {
	c := t.container_with({"capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE", "chown"]}})
	not fires("K8S-PSB-006", t.pod("web", t.spec_with({"containers": [c]})))
}

test_psb_007_host_path_fails if {
	fires("K8S-PSB-007", t.pod("logs", t.spec_with({"volumes": [{"name": "logs", "hostPath": {"path": "/var/log"}}]})))
}

test_psb_007_empty_dir_passes if {
	not fires("K8S-PSB-007", t.pod("logs", t.spec_with({"volumes": [{"name": "tmp", "emptyDir": {}}]})))
}

test_psb_008_host_port_fails if {
	c := object.union(t.secure_container, {"ports": [{"containerPort": 8080, "hostPort": 8080}]})
	fires("K8S-PSB-008", t.pod("web", t.spec_with({"containers": [c]})))
}

test_psb_008_container_port_passes if {
	c := object.union(t.secure_container, {"ports": [{"containerPort": 8080}]})
	not fires("K8S-PSB-008", t.pod("web", t.spec_with({"containers": [c]})))
}

test_psb_009_unconfined_apparmor_fails if {
	c := t.container_with({"appArmorProfile": {"type": "Unconfined"}})
	fires("K8S-PSB-009", t.pod("web", t.spec_with({"containers": [c]})))
}

test_psb_009_unconfined_apparmor_annotation_fails if {
	r := json.patch(secure, [{"op": "add", "path": "/raw/metadata/annotations", "value": {"container.apparmor.security.beta.kubernetes.io/app": "unconfined"}}])
	fires("K8S-PSB-009", r)
}

test_psb_009_runtime_default_passes if {
	c := t.container_with({"appArmorProfile": {"type": "RuntimeDefault"}})
	not fires("K8S-PSB-009", t.pod("web", t.spec_with({"containers": [c]})))
}

test_psb_010_custom_selinux_type_fails if {
	fires("K8S-PSB-010", t.pod("web", t.spec_with({"securityContext": {"seLinuxOptions": {"type": "spc_t"}}})))
}

test_psb_010_container_type_passes if {
	not fires("K8S-PSB-010", t.pod("web", t.spec_with({"securityContext": {"seLinuxOptions": {"type": "container_t", "level": "s0:c1,c2"}}})))
}

test_psb_011_unmasked_proc_fails if {
	fires("K8S-PSB-011", t.pod("web", t.spec_with({"containers": [t.container_with({"procMount": "Unmasked"})]})))
}

test_psb_011_default_proc_passes if {
	not fires("K8S-PSB-011", t.pod("web", t.spec_with({"containers": [t.container_with({"procMount": "Default"})]})))
}

test_psb_012_unconfined_seccomp_fails if {
	fires("K8S-PSB-012", t.pod("web", t.spec_with({"containers": [t.container_with({"seccompProfile": {"type": "Unconfined"}})]})))
}

test_psb_012_runtime_default_passes if not fires("K8S-PSB-012", secure)

test_psb_013_unsafe_sysctl_fails if {
	fires("K8S-PSB-013", t.pod("web", t.spec_with({"securityContext": {"sysctls": [{"name": "kernel.msgmax", "value": "65536"}]}})))
}

test_psb_013_safe_sysctl_passes if {
	not fires("K8S-PSB-013", t.pod("web", t.spec_with({"securityContext": {"sysctls": [{"name": "net.ipv4.tcp_syncookies", "value": "1"}]}})))
}

test_controlled_pods_are_judged_through_their_controller if {
	owned := json.patch(t.pod("web-abc", t.spec_with({"hostPID": true})), [{"op": "add", "path": "/raw/metadata/ownerReferences", "value": [{"kind": "ReplicaSet", "name": "web", "controller": true}]}])
	not fires("K8S-PSB-002", owned)
}
