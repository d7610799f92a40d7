# METADATA
# title: Pod Security Standards, restricted
# description: |
#   The restricted profile of the Kubernetes Pod Security Standards, on top of the baseline: only
#   core volume types, no privilege escalation, not root, a seccomp profile, and every capability
#   dropped but NET_BIND_SERVICE. One rule per control.
package simian.kubernetes.restricted

import data.simian.lib.kubernetes as k8s
import data.simian.lib.params.params
import data.simian.lib.security as sec

# METADATA
# title: Volume type outside the restricted set
# description: |
#   The pod mounts a volume of a type the restricted profile does not allow (only configMap, csi,
#   downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret are): hostPath,
#   NFS, iSCSI, gitRepo and the like reach outside the pod's own storage.
# custom:
#   id: K8S-PSR-001
#   severity: medium
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Put the data behind a PersistentVolumeClaim (or a CSI driver), or use one of the allowed volume types.
#   frameworks: ["pss:restricted:volume-types", "trivy:KSV-0028"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [sec.observed(sprintf("%s.volumes[%d].%s", [sec.pod_spec_path(r), i, type]), vol.name) |
		some i, vol in object.get(k8s.pod_spec(r), "volumes", [])
		some type, _ in vol
		type != "name"
		not type in params.restricted_volume_types
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s mounts volumes of types the restricted profile forbids: %s", [r.kind, r.name, concat(", ", sort({o.path | some o in found}))]),
		"evidence": sec.evidence(found),
	}
}

# METADATA
# title: Privilege escalation not disabled (allowPrivilegeEscalation)
# description: |
#   A container does not set allowPrivilegeEscalation to false, so a setuid binary or file
#   capability in its image can give a process more privileges than its parent had.
# custom:
#   id: K8S-PSR-002
#   severity: medium
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Set securityContext.allowPrivilegeEscalation to false on every container.
#   frameworks: ["pss:restricted:privilege-escalation", "cis-kubernetes-1.12:5.2.6", "nsa-cisa-kubernetes-hardening:pod-security", "trivy:KSV-0001", "kubescape:C-0016", "polaris:privilegeEscalationAllowed", "checkov:CKV_K8S_20"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [e | some e in sec.containers(r); object.get(e.container, ["securityContext", "allowPrivilegeEscalation"], null) != false]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s lets containers escalate privileges: %s", [r.kind, r.name, sec.names(found)]),
		"evidence": sec.evidence([sec.observed(sprintf("%s.securityContext.allowPrivilegeEscalation", [e.path]), object.get(e.container, ["securityContext", "allowPrivilegeEscalation"], null)) | some e in found]),
	}
}

# METADATA
# title: May run as root (runAsNonRoot not set)
# description: |
#   Neither the container nor its pod sets runAsNonRoot: true, so the image decides the user, and
#   most images run as root. A root process that escapes the container is root on the node.
# custom:
#   id: K8S-PSR-003
#   severity: medium
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Set securityContext.runAsNonRoot to true (on the pod, or every container) and a non-zero runAsUser, and build the image with a non-root USER.
#   frameworks: ["pss:restricted:running-as-non-root", "cis-kubernetes-1.12:5.2.7", "nsa-cisa-kubernetes-hardening:non-root-containers", "trivy:KSV-0012", "kubescape:C-0013", "polaris:runAsRootAllowed", "checkov:CKV_K8S_23", "checkov:CKV_K8S_29", "checkov:CKV_K8S_30"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [e | some e in sec.containers(r); sec.effective(r, e.container, "runAsNonRoot") != true]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s may run containers as root (runAsNonRoot is not true): %s", [r.kind, r.name, sec.names(found)]),
		"evidence": sec.evidence([sec.observed(sec.effective_path(r, e, "runAsNonRoot"), sec.effective(r, e.container, "runAsNonRoot")) | some e in found]),
	}
}

# METADATA
# title: Runs as root (runAsUser 0)
# description: |
#   A container or its pod sets runAsUser: 0, so it runs as root whatever its image says.
# custom:
#   id: K8S-PSR-004
#   severity: high
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Set runAsUser to a non-zero id (10000 or above keeps clear of host accounts).
#   frameworks: ["pss:restricted:running-as-non-root-user", "cis-kubernetes-1.12:5.2.7", "nsa-cisa-kubernetes-hardening:non-root-containers", "trivy:KSV-0105", "kubescape:C-0013", "checkov:CKV_K8S_23"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [sec.observed(sec.effective_path(r, e, "runAsUser"), 0) |
		some e in sec.containers(r)
		sec.effective(r, e.container, "runAsUser") == 0
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s runs containers as user 0 (root)", [r.kind, r.name]),
		"evidence": sec.evidence(found),
	}
}

# METADATA
# title: No seccomp profile
# description: |
#   Neither the container nor its pod sets a seccomp profile (RuntimeDefault or Localhost), so
#   on most nodes it runs unconfined: every system call of the kernel is open to it.
# custom:
#   id: K8S-PSR-005
#   severity: medium
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Set securityContext.seccompProfile.type to RuntimeDefault on the pod.
#   frameworks: ["pss:restricted:seccomp", "cis-kubernetes-1.12:5.7.2", "nsa-cisa-kubernetes-hardening:pod-security", "trivy:KSV-0030", "kubescape:C-0210", "polaris:linuxHardening", "checkov:CKV_K8S_31", "kube-score:container-seccomp-profile"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [e |
		some e in sec.containers(r)
		not sec.effective_field(r, e.container, "seccompProfile", "type") in {"RuntimeDefault", "Localhost"}
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s sets no seccomp profile for containers: %s", [r.kind, r.name, sec.names(found)]),
		"evidence": sec.evidence([sec.observed(sprintf("%s.type", [sec.effective_path(r, e, "seccompProfile")]), sec.effective_field(r, e.container, "seccompProfile", "type")) | some e in found]),
	}
}

# METADATA
# title: Capabilities not dropped (drop ALL)
# description: |
#   A container does not drop ALL capabilities, or adds one other than NET_BIND_SERVICE: it keeps
#   the runtime's default set (NET_RAW among them, for spoofed packets on the node's network).
# custom:
#   id: K8S-PSR-006
#   severity: medium
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: 'Set securityContext.capabilities.drop: [ALL] on every container, and add back NET_BIND_SERVICE only where a port below 1024 is needed.'
#   frameworks: ["pss:restricted:capabilities", "cis-kubernetes-1.12:5.2.8", "cis-kubernetes-1.12:5.2.10", "nsa-cisa-kubernetes-hardening:pod-security", "trivy:KSV-0003", "trivy:KSV-0106", "kubescape:C-0055", "polaris:insecureCapabilities", "polaris:linuxHardening", "checkov:CKV_K8S_28", "checkov:CKV_K8S_37"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [sec.observed(sprintf("%s.securityContext.capabilities", [e.path]), caps) |
		some e in sec.containers(r)
		caps := object.get(e.container, ["securityContext", "capabilities"], null)
		not restricted_capabilities(caps)
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s has containers that do not drop ALL capabilities, or add more than NET_BIND_SERVICE", [r.kind, r.name]),
		"evidence": sec.evidence(found),
	}
}

restricted_capabilities(caps) if {
	is_object(caps)
	"ALL" in {upper(c) | some c in object.get(caps, "drop", [])}
	every c in object.get(caps, "add", []) {
		upper(c) == "NET_BIND_SERVICE"
	}
}
