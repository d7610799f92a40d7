# METADATA
# title: Health checks
# description: Long-running containers tell Kubernetes when they can serve and when they are stuck, and their checks look at what they depend on.
package simian.kubernetes.healthchecks

import data.simian.lib.kubernetes as k8s
import data.simian.lib.params.params

# METADATA
# title: Container without a readiness probe
# description: |
#   A long-running container has no readiness probe, so its pod receives traffic as soon as the
#   process starts, and keeps receiving it while it cannot serve.
# custom:
#   id: K8S-HEALTH-001
#   severity: medium
#   provider: kubernetes
#   remediation: Add a readinessProbe (httpGet on a /ready endpoint, or tcpSocket) to every serving container.
#   frameworks: ["aws-well-architected:REL11-BP01", "polaris:readinessProbeMissing"]
#   enforceable: false
violations contains v if {
	some r in input.resources
	k8s.is_long_running(r)
	some c in k8s.containers(r)
	not c.readinessProbe
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("container %s of %s %s has no readiness probe", [c.name, r.kind, r.name]),
		"evidence": {"container": c.name},
	}
}

# METADATA
# title: Container without a liveness probe
# description: |
#   A long-running container has no liveness probe, so a deadlocked process keeps its pod Running
#   forever instead of being restarted.
# custom:
#   id: K8S-HEALTH-002
#   severity: low
#   provider: kubernetes
#   remediation: Add a livenessProbe that checks the process itself (not its dependencies), with a failureThreshold generous enough to ride out slow moments.
#   frameworks: ["aws-well-architected:REL11-BP01", "polaris:livenessProbeMissing"]
#   enforceable: false
violations contains v if {
	some r in input.resources
	k8s.is_long_running(r)
	some c in k8s.containers(r)
	not c.livenessProbe
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("container %s of %s %s has no liveness probe", [c.name, r.kind, r.name]),
		"evidence": {"container": c.name},
	}
}

# METADATA
# title: Readiness check does not check a declared dependency
# description: |
#   The workload declares the dependencies its readiness check covers, with the annotation
#   `simian.dev/depends-on: postgres,redis` (params.depends_on_annotation) on the workload or its
#   pod template, but no container's readiness probe mentions one of them: neither the httpGet path
#   (`/ready/postgres`, `/healthz?check=postgres`), nor the exec command, nor the gRPC service name.
#   A tcpSocket probe only proves the port is open. The pod then reports ready while the dependency
#   is down.
# custom:
#   id: K8S-HEALTH-003
#   severity: medium
#   provider: kubernetes
#   remediation: Make the readiness endpoint check the dependency and name it in the probe (e.g. httpGet path /ready/postgres), or correct the simian.dev/depends-on annotation. Keep dependency checks out of liveness probes.
#   frameworks: ["aws-well-architected:REL11-BP01"]
#   enforceable: false
violations contains v if {
	some r in input.resources
	k8s.is_long_running(r)
	some dependency in declared_dependencies(r)
	not checked(r, dependency)
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s declares that its readiness check covers %s, but no readiness probe mentions it", [r.kind, r.name, dependency]),
		"evidence": {"dependency": dependency, "probes": readiness_targets(r)},
	}
}

declared_dependencies(r) := {lower(trim_space(d)) |
	some annotations in [object.get(r, "annotations", {}), object.get(k8s.pod_template(r), ["metadata", "annotations"], {})]
	some d in split(object.get(annotations, params.depends_on_annotation, ""), ",")
	trim_space(d) != ""
}

checked(r, dependency) if {
	some target in readiness_targets(r)
	contains(lower(target), dependency)
}

# What each readiness probe touches, as text: the HTTP path, the command line, the gRPC service.
readiness_targets(r) := [target |
	some c in k8s.containers(r)
	some target in probe_targets(c.readinessProbe)
]

probe_targets(probe) := [t |
	some t in [
		object.get(probe, ["httpGet", "path"], ""),
		concat(" ", object.get(probe, ["exec", "command"], [])),
		object.get(probe, ["grpc", "service"], ""),
	]
	t != ""
]
