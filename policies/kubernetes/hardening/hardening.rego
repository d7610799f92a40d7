# METADATA
# title: Workload hardening
# description: |
#   What the Pod Security Standards leave out but the CIS benchmark, NSA-CISA and the scanners ask
#   for: no container runtime socket, no node-taking capabilities, an immutable root filesystem,
#   no service account token where the API is not used, high user ids, and no dashboard or Tiller.
package simian.kubernetes.hardening

import data.simian.lib.kubernetes as k8s
import data.simian.lib.params.params
import data.simian.lib.security as sec

# METADATA
# title: Container runtime socket mounted
# description: |
#   The pod mounts the container runtime's socket (docker.sock, containerd.sock, crio.sock) or the
#   folder that holds it from the node: whoever is in the container can start a privileged
#   container on the node, and owns it.
# custom:
#   id: K8S-HARD-001
#   severity: critical
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Remove the hostPath volume; build images with a daemonless builder (BuildKit rootless, kaniko) and read container state through the Kubernetes API.
#   frameworks: ["pss:baseline:hostpath-volumes", "cis-kubernetes-1.12:5.2.12", "trivy:KSV-0006", "kubescape:C-0074", "checkov:CKV_K8S_27"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [sec.observed(sprintf("%s.volumes[%d].hostPath.path", [sec.pod_spec_path(r), i]), path) |
		some i, vol in object.get(k8s.pod_spec(r), "volumes", [])
		path := trim_suffix(object.get(vol, ["hostPath", "path"], ""), "/")
		path in params.runtime_sockets
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s mounts the container runtime socket from the node: %s", [r.kind, r.name, concat(", ", sort({o.value | some o in found}))]),
		"evidence": sec.evidence(found),
	}
}

# METADATA
# title: Dangerous capability added (SYS_ADMIN, NET_ADMIN, NET_RAW, ALL)
# description: |
#   A container adds a capability that hands it the node or its network: ALL, SYS_ADMIN (mount,
#   namespaces: close to privileged), NET_ADMIN (routes, firewall), NET_RAW (spoofing),
#   SYS_MODULE, SYS_PTRACE or BPF.
# custom:
#   id: K8S-HARD-002
#   severity: high
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Remove the capability from securityContext.capabilities.add; if the workload manages the node's network, run it as a reviewed system DaemonSet in its own namespace.
#   frameworks: ["pss:baseline:capabilities", "cis-kubernetes-1.12:5.2.9", "trivy:KSV-0005", "trivy:KSV-0119", "trivy:KSV-0120", "kubescape:C-0046", "polaris:dangerousCapabilities", "checkov:CKV_K8S_39"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [sec.observed(sprintf("%s.securityContext.capabilities.add[%d]", [e.path, i]), cap) |
		some e in sec.containers(r)
		some i, cap in object.get(e.container, ["securityContext", "capabilities", "add"], [])
		upper(trim_prefix(upper(cap), "CAP_")) in params.dangerous_capabilities
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s adds dangerous capabilities: %s", [r.kind, r.name, concat(", ", sort({o.value | some o in found}))]),
		"evidence": sec.evidence(found),
	}
}

# METADATA
# title: Writable root filesystem
# description: |
#   A container does not set readOnlyRootFilesystem: true, so an attacker can write tools and
#   change binaries inside it, and nobody notices a drifted container.
# custom:
#   id: K8S-HARD-003
#   severity: low
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Set securityContext.readOnlyRootFilesystem to true and mount an emptyDir where the process must write (/tmp, caches).
#   frameworks: ["nsa-cisa-kubernetes-hardening:immutable-container-file-systems", "trivy:KSV-0014", "kubescape:C-0017", "polaris:notReadOnlyRootFilesystem", "checkov:CKV_K8S_22", "kube-score:container-security-context-readonlyrootfilesystem"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [e | some e in sec.containers(r); object.get(e.container, ["securityContext", "readOnlyRootFilesystem"], null) != true]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s has containers with a writable root filesystem: %s", [r.kind, r.name, sec.names(found)]),
		"evidence": sec.evidence([sec.observed(sprintf("%s.securityContext.readOnlyRootFilesystem", [e.path]), object.get(e.container, ["securityContext", "readOnlyRootFilesystem"], null)) | some e in found]),
	}
}

# METADATA
# title: Service account token mounted but unused
# description: |
#   The pod mounts a service account token (automountServiceAccountToken is not false on the pod
#   or its ServiceAccount), yet its ServiceAccount is bound to no Role or ClusterRole: the pod does
#   not talk to the API, and the token is only of use to whoever breaks into it.
# custom:
#   id: K8S-HARD-004
#   severity: low
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   inventory_kinds: [ServiceAccount, RoleBinding, ClusterRoleBinding]
#   remediation: Set automountServiceAccountToken to false in the pod spec (or on its ServiceAccount); pods that do call the API keep it and get a binding for what they call.
#   frameworks: ["cis-kubernetes-1.12:5.1.6", "nsa-cisa-kubernetes-hardening:protecting-pod-service-account-tokens", "trivy:KSV-0036", "kubescape:C-0034", "kubescape:C-0190", "polaris:automountServiceAccountToken", "checkov:CKV_K8S_38"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	spec := k8s.pod_spec(r)
	object.get(spec, "automountServiceAccountToken", null) != false
	account := object.get(spec, "serviceAccountName", object.get(spec, "serviceAccount", "default"))
	ns := k8s.namespace(r)
	object.get(k8s.inventory("ServiceAccount", ns), [account, "raw", "automountServiceAccountToken"], null) != false
	not bound(account, ns)
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s mounts the token of ServiceAccount %s, which is bound to no role", [r.kind, r.name, account]),
		"evidence": sec.evidence([
			sec.observed(sprintf("%s.automountServiceAccountToken", [sec.pod_spec_path(r)]), object.get(spec, "automountServiceAccountToken", null)),
			sec.observed(sprintf("%s.serviceAccountName", [sec.pod_spec_path(r)]), account),
		]),
	}
}

bound(account, ns) if {
	some kind in ["RoleBinding", "ClusterRoleBinding"]
	some scope, bindings in inventory_of(kind)
	some binding in bindings
	some s in object.get(binding.raw, "subjects", [])
	s.kind == "ServiceAccount"
	s.name == account
	object.get(s, "namespace", object.get(binding, "namespace", scope)) == ns
}

# Every resource of a kind in data.inventory, by scope.
inventory_of(kind) := data.inventory[kind] if {
	data.inventory[kind]
} else := {}

# METADATA
# title: Low user or group id
# description: |
#   A container runs with a user or group id below 10000, or leaves them to the image: an id that
#   exists on the node (root, daemon accounts) gives an escaped process that account's files.
# custom:
#   id: K8S-HARD-005
#   severity: low
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Set securityContext.runAsUser and runAsGroup to ids of 10000 or more (on the pod or every container).
#   frameworks: ["trivy:KSV-0020", "trivy:KSV-0021", "checkov:CKV_K8S_40", "kube-score:container-security-context-user-group-id"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [sec.observed(sec.effective_path(r, e, field), value) |
		some e in sec.containers(r)
		some field in ["runAsUser", "runAsGroup"]
		value := sec.effective(r, e.container, field)
		low_id(value)
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s runs containers with a user or group id below %d (or none set)", [r.kind, r.name, params.min_unprivileged_id]),
		"evidence": sec.evidence(found),
	}
}

low_id(null)

low_id(value) if {
	is_number(value)
	value < params.min_unprivileged_id
}

# METADATA
# title: Kubernetes dashboard deployed
# description: |
#   A workload runs the Kubernetes dashboard, a web console onto the cluster that has been the way
#   in for well-known cluster takeovers when exposed or over-privileged.
# custom:
#   id: K8S-HARD-006
#   severity: medium
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Remove the dashboard, or keep it ClusterIP-only behind kubectl proxy with a read-only ServiceAccount.
#   frameworks: ["kubescape:C-0014", "checkov:CKV_K8S_33"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [sec.observed(sprintf("%s.image", [e.path]), e.container.image) |
		some e in sec.containers(r)
		regex.match("(^|/)(kubernetesui/dashboard|kubernetes-dashboard[^/]*)(:|@|$)", object.get(e.container, "image", ""))
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s runs the Kubernetes dashboard", [r.kind, r.name]),
		"evidence": sec.evidence(found),
	}
}

# METADATA
# title: Tiller (Helm 2) deployed
# description: |
#   A workload runs Tiller, Helm 2's in-cluster server: it installs anything anyone who reaches its
#   port asks for, with its own (usually cluster-admin) rights, and Helm 2 is unsupported since 2020.
# custom:
#   id: K8S-HARD-007
#   severity: high
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Migrate the releases to Helm 3 (helm-2to3) and delete Tiller.
#   frameworks: ["trivy:KSV-0102", "checkov:CKV_K8S_34"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [sec.observed(sprintf("%s.image", [e.path]), e.container.image) |
		some e in sec.containers(r)
		regex.match("(^|/)tiller(:|@|$)", object.get(e.container, "image", ""))
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s runs Tiller (Helm 2)", [r.kind, r.name]),
		"evidence": sec.evidence(found),
	}
}

# METADATA
# title: Default ServiceAccount mounts its token
# description: |
#   The namespace's default ServiceAccount does not set automountServiceAccountToken: false, so
#   every pod that names no ServiceAccount carries an API token it never asked for.
# custom:
#   id: K8S-HARD-008
#   severity: low
#   provider: kubernetes
#   monkey: security
#   kinds: [ServiceAccount]
#   remediation: 'Set automountServiceAccountToken: false on the default ServiceAccount; give pods that call the API a ServiceAccount of their own.'
#   frameworks: ["cis-kubernetes-1.12:5.1.5", "kubescape:C-0189", "checkov:CKV_K8S_41"]
violations contains v if {
	some r in input.resources
	r.provider == "kubernetes"
	r.kind == "ServiceAccount"
	r.name == "default"
	object.get(r.raw, "automountServiceAccountToken", null) != false
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("the default ServiceAccount of namespace %s mounts its token into every pod that names no other", [k8s.namespace(r)]),
		"evidence": sec.evidence([sec.observed("automountServiceAccountToken", object.get(r.raw, "automountServiceAccountToken", null))]),
	}
}
