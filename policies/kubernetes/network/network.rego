# METADATA
# title: Kubernetes network
# description: |
#   Traffic is denied unless allowed: every namespace and workload is covered by a NetworkPolicy,
#   Ingresses terminate TLS, and nothing is opened on every node's address by accident.
package simian.kubernetes.network

import data.simian.lib.kubernetes as k8s
import data.simian.lib.params.params
import data.simian.lib.security as sec

# METADATA
# title: Namespace without any NetworkPolicy
# description: |
#   No NetworkPolicy exists in the namespace, so every pod in it accepts connections from every
#   pod of the cluster and may connect anywhere: one compromised pod reaches them all.
# custom:
#   id: K8S-NET-001
#   severity: medium
#   provider: kubernetes
#   monkey: security
#   kinds: [Namespace]
#   inventory_kinds: [NetworkPolicy]
#   remediation: Add a default-deny NetworkPolicy (podSelector {}, policyTypes [Ingress, Egress]) to the namespace, then allow what each workload needs.
#   frameworks: ["cis-kubernetes-1.12:5.3.2", "nsa-cisa-kubernetes-hardening:network-policies", "kubescape:C-0206", "kubescape:C-0260"]
violations contains v if {
	some r in input.resources
	r.provider == "kubernetes"
	r.kind == "Namespace"
	not r.name in params.network_policy_exempt_namespaces
	object.get(r.raw, ["status", "phase"], "Active") != "Terminating"
	count(k8s.inventory("NetworkPolicy", r.name)) == 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("namespace %s has no NetworkPolicy: its pods accept traffic from anywhere in the cluster", [r.name]),
		"evidence": sec.evidence([sec.observed(sprintf("NetworkPolicy objects in namespace %s", [r.name]), 0)]),
	}
}

# METADATA
# title: Ingress without TLS
# description: |
#   An Ingress serves a host without TLS (no spec.tls, or a rule's host missing from every tls
#   entry): its traffic, cookies and credentials included, crosses the network in clear text.
# custom:
#   id: K8S-NET-002
#   severity: high
#   provider: kubernetes
#   monkey: security
#   kinds: [Ingress]
#   remediation: Add a spec.tls entry with the hosts and a certificate Secret (cert-manager issues one), and redirect HTTP to HTTPS.
#   frameworks: ["nsa-cisa-kubernetes-hardening:network-separation", "kubescape:C-0263", "polaris:tlsSettingsMissing"]
violations contains v if {
	some r in input.resources
	r.provider == "kubernetes"
	r.kind == "Ingress"
	tls_hosts := {h | some t in object.get(r.raw.spec, "tls", []); some h in object.get(t, "hosts", [])}
	hosts := {object.get(rule, "host", "*") | some rule in object.get(r.raw.spec, "rules", [])}
	plain := {h | some h in hosts; not covered(h, tls_hosts, r)}
	count(plain) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("Ingress %s serves %s without TLS", [r.name, concat(", ", sort(plain))]),
		"evidence": sec.evidence([sec.observed("spec.tls", object.get(r.raw.spec, "tls", null))]),
	}
}

# A host is covered by a tls entry that names it, or by one without hosts (it covers every rule).
covered(host, tls_hosts, _) if host in tls_hosts

covered(_, _, r) if {
	some t in object.get(r.raw.spec, "tls", [])
	count(object.get(t, "hosts", [])) == 0
}

covered(host, tls_hosts, _) if {
	some pattern in tls_hosts
	startswith(pattern, "*.")
	endswith(host, trim_prefix(pattern, "*"))
	count(split(host, ".")) == count(split(pattern, "."))
}

# METADATA
# title: Workload not selected by any NetworkPolicy
# description: |
#   No NetworkPolicy of the workload's namespace selects its pods, so they accept connections from
#   every pod of the cluster, whatever policies their neighbours have.
# custom:
#   id: K8S-NET-003
#   severity: medium
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   inventory_kinds: [NetworkPolicy]
#   remediation: Add a NetworkPolicy whose podSelector selects the workload's pods (a default-deny policy with podSelector {} covers every pod of the namespace).
#   frameworks: ["cis-kubernetes-1.12:5.3.2", "nsa-cisa-kubernetes-hardening:network-policies", "kubescape:C-0260", "polaris:missingNetworkPolicy", "checkov:CKV2_K8S_6", "kube-score:pod-networkpolicy"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	not object.get(k8s.pod_spec(r), "hostNetwork", false)
	labels := k8s.pod_labels(r)
	not selected(k8s.namespace(r), labels)
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("no NetworkPolicy in namespace %s selects the pods of %s %s", [k8s.namespace(r), r.kind, r.name]),
		"evidence": sec.evidence([sec.observed(labels_path(r), labels)]),
	}
}

labels_path(r) := "metadata.labels" if {
	r.kind == "Pod"
} else := sprintf("%s.metadata.labels", [trim_suffix(sec.pod_spec_path(r), ".spec")])

selected(namespace, labels) if {
	some policy in k8s.inventory("NetworkPolicy", namespace)
	k8s.selects(object.get(policy.raw.spec, "podSelector", {}), labels)
}

# METADATA
# title: NodePort Service
# description: |
#   A Service of type NodePort opens its port on every node's address, outside any load balancer,
#   firewall rule or source range made for it.
# custom:
#   id: K8S-NET-004
#   severity: low
#   provider: kubernetes
#   monkey: security
#   kinds: [Service]
#   remediation: Use a ClusterIP Service behind an Ingress, or a LoadBalancer with loadBalancerSourceRanges.
#   frameworks: ["nsa-cisa-kubernetes-hardening:network-separation", "kube-score:service-type"]
violations contains v if {
	some r in input.resources
	r.provider == "kubernetes"
	r.kind == "Service"
	r.raw.spec.type == "NodePort"
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("Service %s is a NodePort: its ports are open on every node", [r.name]),
		"evidence": sec.evidence([sec.observed("spec.type", "NodePort")]),
	}
}
