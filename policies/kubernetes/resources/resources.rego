# METADATA
# title: Resources
# description: Containers that declare what they need, so the scheduler can place them and the kubelet can protect their neighbours.
package simian.kubernetes.resources

import data.simian.lib.kubernetes as k8s
import data.simian.lib.params.params

# METADATA
# title: Container without resource requests
# description: |
#   A container does not request every resource in params.required_requests (CPU and memory by
#   default). The scheduler then places it as if it needed nothing, nodes get overcommitted, and
#   its pods are the first to be evicted under pressure.
# custom:
#   id: K8S-RES-001
#   severity: medium
#   provider: kubernetes
#   remediation: Set resources.requests.cpu and resources.requests.memory on every container, from observed usage.
#   frameworks: ["aws-well-architected:REL07", "polaris:cpuRequestsMissing", "polaris:memoryRequestsMissing"]
#   enforceable: false
violations contains v if {
	some r in input.resources
	k8s.is_workload(r)
	some c in k8s.containers(r)
	missing := missing_keys(c, "requests", params.required_requests)
	count(missing) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("container %s of %s %s does not request %s", [c.name, r.kind, r.name, concat(", ", missing)]),
		"evidence": {"container": c.name, "missing": missing},
	}
}

# METADATA
# title: Container without resource limits
# description: |
#   A container has no limit for a resource in params.required_limits (memory by default). A memory
#   leak in it then grows until the node runs out and the kernel kills other pods. CPU limits are
#   not required by default: they throttle a container even on an idle node.
# custom:
#   id: K8S-RES-002
#   severity: medium
#   provider: kubernetes
#   remediation: Set resources.limits.memory on every container (equal to the request for Guaranteed QoS).
#   frameworks: ["aws-well-architected:REL07", "polaris:memoryLimitsMissing"]
#   enforceable: false
violations contains v if {
	some r in input.resources
	k8s.is_workload(r)
	some c in k8s.containers(r)
	missing := missing_keys(c, "limits", params.required_limits)
	count(missing) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("container %s of %s %s has no %s limit", [c.name, r.kind, r.name, concat(", ", missing)]),
		"evidence": {"container": c.name, "missing": missing},
	}
}

missing_keys(container, section, required) := [name |
	some name in required
	object.get(container, ["resources", section, name], null) == null
]
