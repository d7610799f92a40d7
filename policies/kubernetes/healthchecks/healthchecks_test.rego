package simian.kubernetes.healthchecks_test

import data.simian.kubernetes.healthchecks.violations
import data.simian.lib.testing as t

with_container(c) := t.deployment("web", 2, object.union(t.pod_spec, {"containers": [c]}))

depends_on(r, deps) := t.with_marks(r, {}, {"simian.dev/depends-on": deps})

test_health_001_no_readiness_probe_fails if {
	r := with_container(json.remove(t.container, ["readinessProbe"]))
	"K8S-HEALTH-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_health_001_readiness_probe_passes if {
	r := with_container(t.container)
	not "K8S-HEALTH-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_health_001_jobs_need_no_probes if {
	r := object.union(with_container(json.remove(t.container, ["readinessProbe", "livenessProbe"])), {"kind": "Job"})
	count(t.fired(violations, r.ref)) == 0 with input as {"resources": [r]}
}

test_health_002_no_liveness_probe_fails if {
	r := with_container(json.remove(t.container, ["livenessProbe"]))
	"K8S-HEALTH-002" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_health_002_liveness_probe_passes if {
	r := with_container(t.container)
	not "K8S-HEALTH-002" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_health_003_probe_not_mentioning_dependency_fails if {
	r := depends_on(with_container(t.container), "postgres")
	some v in violations with input as {"resources": [r]}
	v.rule == "K8S-HEALTH-003"
	v.evidence.dependency == "postgres"
}

test_health_003_tcp_probe_fails if {
	c := object.union(t.container, {"readinessProbe": {"tcpSocket": {"port": 8080}}})
	r := depends_on(with_container(c), "redis")
	"K8S-HEALTH-003" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_health_003_each_dependency_is_checked if {
	c := object.union(t.container, {"readinessProbe": {"httpGet": {"path": "/ready/postgres", "port": 8080}}})
	r := depends_on(with_container(c), "postgres, redis")
	deps := {v.evidence.dependency | some v in violations; v.rule == "K8S-HEALTH-003"} with input as {"resources": [r]}
	deps == {"redis"}
}

test_health_003_http_path_mentioning_dependency_passes if {
	c := object.union(t.container, {"readinessProbe": {"httpGet": {"path": "/healthz?check=Postgres", "port": 8080}}})
	r := depends_on(with_container(c), "postgres")
	not "K8S-HEALTH-003" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_health_003_exec_command_mentioning_dependency_passes if {
	c := object.union(t.container, {"readinessProbe": {"exec": {"command": ["pg_isready", "-h", "postgres"]}}})
	r := depends_on(with_container(c), "postgres")
	not "K8S-HEALTH-003" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_health_003_without_declaration_passes if {
	r := with_container(t.container)
	not "K8S-HEALTH-003" in t.fired(violations, r.ref) with input as {"resources": [r]}
}
