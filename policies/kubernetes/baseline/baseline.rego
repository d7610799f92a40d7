# METADATA
# title: Pod Security Standards, baseline
# description: |
#   The baseline profile of the Kubernetes Pod Security Standards, one rule per control: what a
#   workload must not do to escape its container (privileged mode, host namespaces, host paths and
#   ports, extra capabilities, unconfined AppArmor, seccomp or SELinux, /proc mounts, unsafe sysctls).
package simian.kubernetes.baseline

import data.simian.lib.kubernetes as k8s
import data.simian.lib.params.params
import data.simian.lib.security as sec

# METADATA
# title: Windows HostProcess container
# description: |
#   A pod or container sets windowsOptions.hostProcess: the container runs as a process on the
#   Windows node, with the node's privileges and network.
# custom:
#   id: K8S-PSB-001
#   severity: critical
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Remove securityContext.windowsOptions.hostProcess (pod and containers); run node agents as a DaemonSet that needs no host process.
#   frameworks: ["pss:baseline:host-process", "cis-kubernetes-1.12:5.2.11", "trivy:KSV-0103", "kubescape:C-0202"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [sec.observed(sec.effective_path(r, e, "windowsOptions"), true) |
		some e in sec.containers(r)
		sec.effective_field(r, e.container, "windowsOptions", "hostProcess") == true
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s runs Windows HostProcess containers", [r.kind, r.name]),
		"evidence": sec.evidence(found),
	}
}

# METADATA
# title: Pod shares the host's process namespace (hostPID)
# description: |
#   The pod sets hostPID: its containers see every process on the node, can signal them, and
#   read their environment (secrets included) through /proc.
# custom:
#   id: K8S-PSB-002
#   severity: high
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Remove hostPID (or set it to false); debug node processes with kubectl debug node/... when needed, not from a standing pod.
#   frameworks: ["pss:baseline:host-namespaces", "cis-kubernetes-1.12:5.2.3", "nsa-cisa-kubernetes-hardening:pod-security", "trivy:KSV-0010", "kubescape:C-0038", "polaris:hostPIDSet", "checkov:CKV_K8S_17"]
violations contains v if {
	some r in input.resources
	v := host_namespace(r, "hostPID", "the node's process namespace", rego.metadata.rule().custom.id)
}

# METADATA
# title: Pod shares the host's IPC namespace (hostIPC)
# description: |
#   The pod sets hostIPC: its containers share System V IPC and POSIX shared memory with every
#   process on the node.
# custom:
#   id: K8S-PSB-003
#   severity: high
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Remove hostIPC (or set it to false).
#   frameworks: ["pss:baseline:host-namespaces", "cis-kubernetes-1.12:5.2.4", "nsa-cisa-kubernetes-hardening:pod-security", "trivy:KSV-0008", "kubescape:C-0038", "polaris:hostIPCSet", "checkov:CKV_K8S_18"]
violations contains v if {
	some r in input.resources
	v := host_namespace(r, "hostIPC", "the node's IPC namespace", rego.metadata.rule().custom.id)
}

# METADATA
# title: Pod uses the host's network (hostNetwork)
# description: |
#   The pod sets hostNetwork: its containers bind the node's interfaces, reach services that
#   listen on the node's loopback (the kubelet's, say) and can sniff the node's traffic, and no
#   NetworkPolicy applies to them.
# custom:
#   id: K8S-PSB-004
#   severity: high
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Remove hostNetwork (or set it to false) and expose the port through a Service.
#   frameworks: ["pss:baseline:host-namespaces", "cis-kubernetes-1.12:5.2.5", "nsa-cisa-kubernetes-hardening:pod-security", "trivy:KSV-0009", "kubescape:C-0041", "polaris:hostNetworkSet", "checkov:CKV_K8S_19"]
violations contains v if {
	some r in input.resources
	v := host_namespace(r, "hostNetwork", "the node's network", rego.metadata.rule().custom.id)
}

host_namespace(r, field, what, id) := v if {
	sec.is_workload(r)
	k8s.pod_spec(r)[field] == true
	v := {
		"rule": id,
		"ref": r.ref,
		"message": sprintf("%s %s sets %s: its containers share %s", [r.kind, r.name, field, what]),
		"evidence": sec.evidence([sec.observed(sprintf("%s.%s", [sec.pod_spec_path(r), field]), true)]),
	}
}

# METADATA
# title: Privileged container
# description: |
#   A container runs with securityContext.privileged: it has every capability and every device of
#   the node, and escaping to the node is a matter of mounting its disk.
# custom:
#   id: K8S-PSB-005
#   severity: critical
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Remove securityContext.privileged (or set it to false); add only the capabilities the process needs.
#   frameworks: ["pss:baseline:privileged-containers", "cis-kubernetes-1.12:5.2.2", "nsa-cisa-kubernetes-hardening:pod-security", "trivy:KSV-0017", "kubescape:C-0057", "polaris:runAsPrivileged", "checkov:CKV_K8S_16", "kube-score:container-security-context-privileged"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [e | some e in sec.containers(r); object.get(e.container, ["securityContext", "privileged"], false) == true]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s runs privileged containers: %s", [r.kind, r.name, sec.names(found)]),
		"evidence": sec.evidence([sec.observed(sprintf("%s.securityContext.privileged", [e.path]), true) | some e in found]),
	}
}

# METADATA
# title: Capabilities beyond the Pod Security baseline
# description: |
#   A container adds a Linux capability that the baseline profile does not allow (only AUDIT_WRITE,
#   CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP,
#   SETUID and SYS_CHROOT are): NET_RAW, SYS_ADMIN, SYS_PTRACE and the rest widen what an attacker
#   in the container can do to the node and its neighbours.
# custom:
#   id: K8S-PSB-006
#   severity: high
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Remove the capability from securityContext.capabilities.add, or replace the need for it.
#   frameworks: ["pss:baseline:capabilities", "cis-kubernetes-1.12:5.2.9", "trivy:KSV-0022", "kubescape:C-0046", "checkov:CKV_K8S_25"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [sec.observed(sprintf("%s.securityContext.capabilities.add[%d]", [e.path, i]), cap) |
		some e in sec.containers(r)
		some i, cap in object.get(e.container, ["securityContext", "capabilities", "add"], [])
		not upper(cap) in {upper(c) | some c in params.baseline_capabilities}
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s adds capabilities beyond the baseline: %s", [r.kind, r.name, concat(", ", sort({o.value | some o in found}))]),
		"evidence": sec.evidence(found),
	}
}

# METADATA
# title: hostPath volume
# description: |
#   The pod mounts a directory or file of the node (hostPath): a writable one lets the container
#   change the node, a readable one lets it read other pods' data and the node's credentials.
# custom:
#   id: K8S-PSB-007
#   severity: high
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Use a PersistentVolumeClaim, an emptyDir, a ConfigMap or a projected volume instead of hostPath.
#   frameworks: ["pss:baseline:hostpath-volumes", "cis-kubernetes-1.12:5.2.12", "nsa-cisa-kubernetes-hardening:pod-security", "trivy:KSV-0023", "kubescape:C-0048"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [sec.observed(sprintf("%s.volumes[%d].hostPath.path", [sec.pod_spec_path(r), i]), vol.hostPath.path) |
		some i, vol in object.get(k8s.pod_spec(r), "volumes", [])
		is_object(vol.hostPath)
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s mounts host paths: %s", [r.kind, r.name, concat(", ", sort({o.value | some o in found}))]),
		"evidence": sec.evidence(found),
	}
}

# METADATA
# title: Container binds a host port
# description: |
#   A container sets hostPort: it listens on the node's own address, outside every Service and
#   NetworkPolicy, and two pods with the same port cannot share a node.
# custom:
#   id: K8S-PSB-008
#   severity: medium
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Remove hostPort and expose the port through a Service (NodePort or LoadBalancer if it must be reached from outside).
#   frameworks: ["pss:baseline:host-ports", "cis-kubernetes-1.12:5.2.13", "trivy:KSV-0024", "kubescape:C-0044", "polaris:hostPortSet", "checkov:CKV_K8S_26"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [sec.observed(sprintf("%s.ports[%d].hostPort", [e.path, i]), port.hostPort) |
		some e in sec.containers(r)
		some i, port in object.get(e.container, "ports", [])
		object.get(port, "hostPort", 0) != 0
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s binds host ports: %s", [r.kind, r.name, concat(", ", [format_int(p, 10) | some p in sort({o.value | some o in found})])]),
		"evidence": sec.evidence(found),
	}
}

# METADATA
# title: AppArmor profile unconfined
# description: |
#   A container runs without AppArmor confinement (profile Unconfined, or an annotation other than
#   runtime/default or localhost/...), so the node's AppArmor does not limit what it may touch.
# custom:
#   id: K8S-PSB-009
#   severity: medium
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Leave the AppArmor profile at RuntimeDefault, or set a Localhost profile made for the workload.
#   frameworks: ["pss:baseline:apparmor", "nsa-cisa-kubernetes-hardening:pod-security", "trivy:KSV-0002", "kubescape:C-0055"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := array.concat(
		[sec.observed(sec.effective_path(r, e, "appArmorProfile"), profile) |
			some e in sec.containers(r)
			profile := sec.effective(r, e.container, "appArmorProfile")
			is_object(profile)
			profile.type == "Unconfined"
		],
		[sec.observed(sprintf("metadata.annotations[\"%s\"]", [key]), value) |
			some key, value in object.get(k8s.pod_template(r), ["metadata", "annotations"], {})
			startswith(key, "container.apparmor.security.beta.kubernetes.io/")
			not value == "runtime/default"
			not startswith(value, "localhost/")
		],
	)
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s runs containers without AppArmor confinement", [r.kind, r.name]),
		"evidence": sec.evidence(found),
	}
}

# METADATA
# title: Custom SELinux options
# description: |
#   A pod or container sets an SELinux type other than the container types, or an SELinux user
#   or role: it can leave the label every other container runs under.
# custom:
#   id: K8S-PSB-010
#   severity: medium
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Remove seLinuxOptions.user and .role, and use one of container_t, container_init_t, container_kvm_t or container_engine_t as the type.
#   frameworks: ["pss:baseline:selinux", "trivy:KSV-0025", "kubescape:C-0055"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [sec.observed(sec.effective_path(r, e, "seLinuxOptions"), options) |
		some e in sec.containers(r)
		options := sec.effective(r, e.container, "seLinuxOptions")
		is_object(options)
		custom_selinux(options)
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s sets custom SELinux options", [r.kind, r.name]),
		"evidence": sec.evidence(found),
	}
}

custom_selinux(options) if object.get(options, "user", "") != ""

custom_selinux(options) if object.get(options, "role", "") != ""

custom_selinux(options) if {
	type := object.get(options, "type", "")
	type != ""
	not type in {"container_t", "container_init_t", "container_kvm_t", "container_engine_t"}
}

# METADATA
# title: Unmasked /proc mount
# description: |
#   A container sets procMount to something other than Default: the paths of /proc that the
#   runtime masks (kernel memory, keys, timers) become readable.
# custom:
#   id: K8S-PSB-011
#   severity: high
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Remove securityContext.procMount, or set it to Default.
#   frameworks: ["pss:baseline:proc-mount-type", "trivy:KSV-0027"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [sec.observed(sprintf("%s.securityContext.procMount", [e.path]), mount) |
		some e in sec.containers(r)
		mount := object.get(e.container, ["securityContext", "procMount"], "Default")
		mount != "Default"
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s unmasks /proc in its containers", [r.kind, r.name]),
		"evidence": sec.evidence(found),
	}
}

# METADATA
# title: Seccomp explicitly unconfined
# description: |
#   A pod or container sets its seccomp profile to Unconfined: every system call of the kernel is
#   open to it, including the ones that container escapes use.
# custom:
#   id: K8S-PSB-012
#   severity: high
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Set securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a profile made for the workload).
#   frameworks: ["pss:baseline:seccomp", "cis-kubernetes-1.12:5.7.2", "nsa-cisa-kubernetes-hardening:pod-security", "trivy:KSV-0104", "kubescape:C-0210"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [sec.observed(sprintf("%s.type", [sec.effective_path(r, e, "seccompProfile")]), "Unconfined") |
		some e in sec.containers(r)
		sec.effective_field(r, e.container, "seccompProfile", "type") == "Unconfined"
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s runs containers with seccomp Unconfined", [r.kind, r.name]),
		"evidence": sec.evidence(found),
	}
}

# METADATA
# title: Unsafe sysctl
# description: |
#   The pod sets a sysctl outside the safe, namespaced set: it changes the kernel of the whole node,
#   for every pod on it.
# custom:
#   id: K8S-PSB-013
#   severity: high
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Remove the sysctl from securityContext.sysctls, or set it on the node by its administrators.
#   frameworks: ["pss:baseline:sysctls", "trivy:KSV-0026"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [sec.observed(sprintf("%s.securityContext.sysctls[%d].name", [sec.pod_spec_path(r), i]), s.name) |
		some i, s in object.get(sec.pod_security_context(r), "sysctls", [])
		not s.name in params.safe_sysctls
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s sets unsafe sysctls: %s", [r.kind, r.name, concat(", ", sort({o.value | some o in found}))]),
		"evidence": sec.evidence(found),
	}
}
