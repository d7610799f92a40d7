# METADATA
# title: RBAC
# description: |
#   Who may do what in the cluster: cluster-admin kept to people, no wildcards, secrets, exec and
#   the escalation verbs granted sparingly, and nothing bound to anonymous or every user. Roles
#   and bindings that Kubernetes keeps itself (system:*, kubernetes.io/bootstrapping) are left out.
package simian.kubernetes.rbac

import data.simian.lib.kubernetes as k8s
import data.simian.lib.security as sec

role_kinds := {"Role", "ClusterRole"}

binding_kinds := {"RoleBinding", "ClusterRoleBinding"}

# Roles written by people (or charts), with each rule and its index.
custom_role(r) if {
	r.provider == "kubernetes"
	r.kind in role_kinds
	not sec.builtin_rbac(r)
}

custom_binding(r) if {
	r.provider == "kubernetes"
	r.kind in binding_kinds
	not sec.builtin_rbac(r)
}

# The rules of a role that grant any of `verbs` on any of `resources`, as evidence.
granting(r, resources, verbs) := [sec.observed(sprintf("rules[%d]", [i]), rule) |
	some i, rule in object.get(r.raw, "rules", [])
	sec.grants(rule, resources, verbs)
]

# METADATA
# title: cluster-admin bound to a service account or group
# description: |
#   A binding gives the cluster-admin ClusterRole (or a ClusterRole with wildcard verbs on wildcard
#   resources) to a ServiceAccount or a group: a token stolen from any pod of that account, or any
#   member of the group, owns the cluster.
# custom:
#   id: K8S-RBAC-001
#   severity: critical
#   provider: kubernetes
#   monkey: security
#   kinds: [ClusterRoleBinding, RoleBinding]
#   inventory_kinds: [ClusterRole]
#   remediation: Bind a role with only the verbs and resources the account needs; keep cluster-admin for break-glass people, bound by name.
#   frameworks: ["cis-kubernetes-1.12:5.1.1", "cis-kubernetes-1.12:5.1.7", "nsa-cisa-kubernetes-hardening:rbac", "trivy:KSV-0111", "trivy:KSV-0123", "kubescape:C-0035", "kubescape:C-0185", "polaris:clusterrolebindingClusterAdmin", "polaris:rolebindingClusterAdminClusterRole"]
violations contains v if {
	some r in input.resources
	custom_binding(r)
	r.raw.roleRef.kind == "ClusterRole"
	admin_role(r.raw.roleRef.name)
	found := [sec.observed(sprintf("subjects[%d]", [i]), s) |
		some i, s in object.get(r.raw, "subjects", [])
		s.kind in {"ServiceAccount", "Group"}
		not s.name == "system:masters"
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s gives %s to %s", [r.kind, r.name, r.raw.roleRef.name, concat(", ", sort({sprintf("%s %s", [o.value.kind, o.value.name]) | some o in found}))]),
		"evidence": sec.evidence(array.concat([sec.observed("roleRef.name", r.raw.roleRef.name)], found)),
	}
}

admin_role("cluster-admin")

admin_role(name) if {
	some role in k8s.inventory("ClusterRole", "_")
	role.name == name
	some rule in object.get(role.raw, "rules", [])
	"*" in object.get(rule, "verbs", [])
	"*" in object.get(rule, "resources", [])
}

# METADATA
# title: Wildcard in a role's verbs or resources
# description: |
#   A Role or ClusterRole grants "*" verbs or "*" resources: it grants whatever exists now and
#   every resource and verb added later (custom resources included), which nobody reviewed.
# custom:
#   id: K8S-RBAC-002
#   severity: high
#   provider: kubernetes
#   monkey: security
#   kinds: [ClusterRole, Role]
#   remediation: List the verbs and resources the role needs.
#   frameworks: ["cis-kubernetes-1.12:5.1.3", "nsa-cisa-kubernetes-hardening:rbac", "trivy:KSV-0044", "trivy:KSV-0045", "trivy:KSV-0046", "kubescape:C-0187", "polaris:rolebindingClusterAdminRole", "checkov:CKV_K8S_49"]
violations contains v if {
	some r in input.resources
	custom_role(r)
	found := [sec.observed(sprintf("rules[%d]", [i]), rule) |
		some i, rule in object.get(r.raw, "rules", [])
		wildcard(rule)
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s grants wildcard verbs or resources", [r.kind, r.name]),
		"evidence": sec.evidence(found),
	}
}

wildcard(rule) if "*" in object.get(rule, "verbs", [])

wildcard(rule) if "*" in object.get(rule, "resources", [])

# METADATA
# title: Role reads secrets (get, list or watch)
# description: |
#   A Role or ClusterRole grants get, list or watch on secrets. list and watch hand over every
#   Secret of the namespace (or the cluster) with its values; whoever holds the role holds every
#   credential stored there.
# custom:
#   id: K8S-RBAC-003
#   severity: high
#   provider: kubernetes
#   monkey: security
#   kinds: [ClusterRole, Role]
#   remediation: Grant get on the named Secrets the account needs (resourceNames), never list or watch; mount Secrets into pods instead of reading them through the API.
#   frameworks: ["cis-kubernetes-1.12:5.1.2", "nsa-cisa-kubernetes-hardening:rbac", "trivy:KSV-0041", "trivy:KSV-0113", "kubescape:C-0015", "kubescape:C-0186", "checkov:CKV2_K8S_5"]
violations contains v if {
	some r in input.resources
	custom_role(r)
	found := [o |
		some o in granting(r, {"secrets"}, {"get", "list", "watch"})
		not named_get_only(o.value)
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s lets its holders read secrets", [r.kind, r.name]),
		"evidence": sec.evidence(found),
	}
}

# `get` on Secrets named one by one is the narrow grant the benchmark asks for.
named_get_only(rule) if {
	count(object.get(rule, "resourceNames", [])) > 0
	every verb in rule.verbs {
		verb == "get"
	}
}

# METADATA
# title: Role allows exec or attach into pods
# description: |
#   A Role or ClusterRole grants pods/exec or pods/attach (or nodes/proxy, which reaches the
#   kubelet's exec): a shell in any pod it covers, with that pod's secrets, token and network.
# custom:
#   id: K8S-RBAC-004
#   severity: high
#   provider: kubernetes
#   monkey: security
#   kinds: [ClusterRole, Role]
#   remediation: Keep exec and attach for break-glass roles bound to named people, in the namespaces they run; debug with ephemeral containers under review.
#   frameworks: ["nsa-cisa-kubernetes-hardening:rbac", "trivy:KSV-0053", "trivy:KSV-0054", "trivy:KSV-0047", "kubescape:C-0002", "polaris:clusterrolePodExecAttach", "polaris:rolePodExecAttach", "checkov:CKV2_K8S_2"]
violations contains v if {
	some r in input.resources
	custom_role(r)
	found := granting(r, {"pods/exec", "pods/attach", "nodes/proxy"}, {"create", "get"})
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s lets its holders exec or attach into pods", [r.kind, r.name]),
		"evidence": sec.evidence(found),
	}
}

# METADATA
# title: Role grants bind, escalate or impersonate
# description: |
#   A Role or ClusterRole grants bind or escalate on roles (grant yourself any permission) or
#   impersonate on users, groups or service accounts (act as anyone, system:masters included);
#   "*" verbs on those resources grant them too.
# custom:
#   id: K8S-RBAC-005
#   severity: critical
#   provider: kubernetes
#   monkey: security
#   kinds: [ClusterRole, Role]
#   remediation: Remove the verbs; delegate role management through a reviewed pipeline, not a standing grant.
#   frameworks: ["cis-kubernetes-1.12:5.1.8", "nsa-cisa-kubernetes-hardening:rbac", "trivy:KSV-0043", "trivy:KSV-0050", "kubescape:C-0065", "kubescape:C-0191", "checkov:CKV_K8S_157", "checkov:CKV_K8S_158", "checkov:CKV2_K8S_3"]
violations contains v if {
	some r in input.resources
	custom_role(r)
	found := [sec.observed(sprintf("rules[%d]", [i]), rule) |
		some i, rule in object.get(r.raw, "rules", [])
		escalation(rule)
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s grants bind, escalate or impersonate", [r.kind, r.name]),
		"evidence": sec.evidence(found),
	}
}

escalation(rule) if {
	some g in object.get(rule, "apiGroups", [])
	g in {"rbac.authorization.k8s.io", "*"}
	some res in object.get(rule, "resources", [])
	res in {"roles", "clusterroles", "rolebindings", "clusterrolebindings", "*"}
	some verb in object.get(rule, "verbs", [])
	verb in {"bind", "escalate", "*"}
}

escalation(rule) if {
	some res in object.get(rule, "resources", [])
	res in {"users", "groups", "serviceaccounts", "userextras/scopes", "uids", "*"}
	some verb in object.get(rule, "verbs", [])
	verb in {"impersonate", "*"}
}

# METADATA
# title: Binding to anonymous or unauthenticated users
# description: |
#   A binding gives a role to system:anonymous or system:unauthenticated: anyone who reaches the
#   API server, without any credential, has that role.
# custom:
#   id: K8S-RBAC-006
#   severity: critical
#   provider: kubernetes
#   monkey: security
#   kinds: [ClusterRoleBinding, RoleBinding]
#   remediation: Delete the binding, or bind the role to named users, groups or service accounts.
#   frameworks: ["nsa-cisa-kubernetes-hardening:authentication-and-authorization", "trivy:KSV-0122", "kubescape:C-0262"]
violations contains v if {
	some r in input.resources
	v := everyone_binding(r, {"system:anonymous", "system:unauthenticated"}, rego.metadata.rule().custom.id)
}

# METADATA
# title: Binding to every authenticated user
# description: |
#   A binding gives a role to system:authenticated: every identity the cluster accepts (every
#   ServiceAccount token of every pod, every cloud user allowed to log in) has that role.
# custom:
#   id: K8S-RBAC-007
#   severity: high
#   provider: kubernetes
#   monkey: security
#   kinds: [ClusterRoleBinding, RoleBinding]
#   remediation: Bind the role to the groups or service accounts that need it.
#   frameworks: ["nsa-cisa-kubernetes-hardening:authentication-and-authorization", "trivy:KSV-01011", "kubescape:C-0265"]
violations contains v if {
	some r in input.resources
	v := everyone_binding(r, {"system:authenticated"}, rego.metadata.rule().custom.id)
}

# The roles Kubernetes itself gives everyone: binding them again changes nothing.
public_roles := {"system:basic-user", "system:discovery", "system:public-info-viewer"}

everyone_binding(r, groups, id) := v if {
	custom_binding(r)
	not r.raw.roleRef.name in public_roles
	found := [sec.observed(sprintf("subjects[%d]", [i]), s) |
		some i, s in object.get(r.raw, "subjects", [])
		s.kind in {"Group", "User"}
		s.name in groups
	]
	count(found) > 0
	v := {
		"rule": id,
		"ref": r.ref,
		"message": sprintf("%s %s gives %s %s to %s", [r.kind, r.name, r.raw.roleRef.kind, r.raw.roleRef.name, concat(", ", sort({o.value.name | some o in found}))]),
		"evidence": sec.evidence(array.concat([sec.observed("roleRef", r.raw.roleRef)], found)),
	}
}

# METADATA
# title: Role bound to a default ServiceAccount
# description: |
#   A binding gives a role to a namespace's default ServiceAccount, so every pod of the namespace
#   that names no ServiceAccount gets those rights.
# custom:
#   id: K8S-RBAC-008
#   severity: medium
#   provider: kubernetes
#   monkey: security
#   kinds: [ClusterRoleBinding, RoleBinding]
#   remediation: Create a ServiceAccount for the workload that needs the role, bind that, and set serviceAccountName in its pod spec.
#   frameworks: ["cis-kubernetes-1.12:5.1.5", "kubescape:C-0189", "checkov:CKV_K8S_42"]
violations contains v if {
	some r in input.resources
	custom_binding(r)
	found := [sec.observed(sprintf("subjects[%d]", [i]), s) |
		some i, s in object.get(r.raw, "subjects", [])
		s.kind == "ServiceAccount"
		s.name == "default"
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s gives %s %s to a default ServiceAccount", [r.kind, r.name, r.raw.roleRef.kind, r.raw.roleRef.name]),
		"evidence": sec.evidence(array.concat([sec.observed("roleRef", r.raw.roleRef)], found)),
	}
}

# METADATA
# title: Role controls admission webhooks or approves certificates
# description: |
#   A Role or ClusterRole may change validating or mutating webhook configurations (intercept or
#   rewrite every object written to the cluster) or approve certificate signing requests (mint
#   a client certificate for any user).
# custom:
#   id: K8S-RBAC-009
#   severity: high
#   provider: kubernetes
#   monkey: security
#   kinds: [ClusterRole, Role]
#   remediation: Keep these permissions to the cluster's own controllers and a reviewed deployment pipeline.
#   frameworks: ["cis-kubernetes-1.12:5.1.11", "cis-kubernetes-1.12:5.1.12", "trivy:KSV-0114", "kubescape:C-0280", "kubescape:C-0281", "checkov:CKV_K8S_155", "checkov:CKV_K8S_156"]
violations contains v if {
	some r in input.resources
	custom_role(r)
	found := [sec.observed(sprintf("rules[%d]", [i]), rule) |
		some i, rule in object.get(r.raw, "rules", [])
		control_plane_grant(rule)
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s may change admission webhooks or approve certificate requests", [r.kind, r.name]),
		"evidence": sec.evidence(found),
	}
}

control_plane_grant(rule) if {
	some res in object.get(rule, "resources", [])
	res in {"validatingwebhookconfigurations", "mutatingwebhookconfigurations"}
	some verb in object.get(rule, "verbs", [])
	verb in {"create", "update", "patch", "delete", "*"}
}

control_plane_grant(rule) if {
	some res in object.get(rule, "resources", [])
	res == "certificatesigningrequests/approval"
	some verb in object.get(rule, "verbs", [])
	verb in {"update", "patch", "*"}
}

control_plane_grant(rule) if {
	some res in object.get(rule, "resources", [])
	res == "signers"
	some verb in object.get(rule, "verbs", [])
	verb in {"approve", "*"}
}
