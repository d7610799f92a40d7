package simian.kubernetes.restricted_test

import data.simian.kubernetes.restricted.violations
import data.simian.lib.testing as t

fires(id, r) if id in t.fired(violations, r.ref) with input as {"resources": [r]}

secure := t.pod("web", t.secure_pod_spec)

test_psr_001_nfs_volume_fails if {
	fires("K8S-PSR-001", t.pod("web", t.spec_with({"volumes": [{"name": "share", "nfs": {"server": "nas", "path": "/export"}}]})))
}

test_psr_001_core_volumes_pass if {
	not fires("K8S-PSR-001", t.pod("web", t.spec_with({"volumes": [{"name": "tmp", "emptyDir": {}}, {"name": "cfg", "configMap": {"name": "web"}}]})))
}

test_psr_002_escalation_not_disabled_fails if {
	c := json.remove(t.secure_container, ["securityContext/allowPrivilegeEscalation"])
	fires("K8S-PSR-002", t.pod("web", t.spec_with({"containers": [c]})))
}

test_psr_002_escalation_disabled_passes if not fires("K8S-PSR-002", secure)

test_psr_003_run_as_non_root_missing_fails if {
	c := json.remove(t.secure_container, ["securityContext/runAsNonRoot"])
	r := t.pod("web", t.spec_with({"containers": [c]}))
	some v in violations with input as {"resources": [r]}
	v.rule == "K8S-PSR-003"
	v.evidence.observed == [{"path": "spec.securityContext.runAsNonRoot", "value": null}]
}

test_psr_003_run_as_non_root_on_pod_passes if {
	c := json.remove(t.secure_container, ["securityContext/runAsNonRoot"])
	not fires("K8S-PSR-003", t.pod("web", t.spec_with({"containers": [c], "securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}}})))
}

test_psr_004_root_user_fails if {
	fires("K8S-PSR-004", t.pod("web", t.spec_with({"containers": [t.container_with({"runAsUser": 0})]})))
}

test_psr_004_non_root_user_passes if not fires("K8S-PSR-004", secure)

test_psr_005_no_seccomp_fails if {
	fires("K8S-PSR-005", t.pod("web", json.remove(t.secure_pod_spec, ["securityContext/seccompProfile"])))
}

test_psr_005_seccomp_on_container_passes if {
	c := t.container_with({"seccompProfile": {"type": "Localhost", "localhostProfile": "profiles/web.json"}})
	not fires("K8S-PSR-005", t.pod("web", t.spec_with({"containers": [c], "securityContext": {}})))
}

test_psr_006_capabilities_not_dropped_fails if {
	c := json.remove(t.secure_container, ["securityContext/capabilities"])
	fires("K8S-PSR-006", t.pod("web", t.spec_with({"containers": [c]})))
}

test_psr_006_extra_capability_fails if {
	fires("K8S-PSR-006", t.pod("web", t.spec_with({"containers": [t.container_with({"capabilities": {"drop": ["ALL"], "add": ["CHOWN"]}})]})))
}

test_psr_006_drop_all_with_bind_service_passes if {
	not fires("K8S-PSR-006", t.pod("web", t.spec_with({"containers": [t.container_with({"capabilities": {"drop": ["all"], "add": ["NET_BIND_SERVICE"]}})]})))
}
