package simian.kubernetes.rbac_test

import data.simian.kubernetes.rbac.violations
import data.simian.lib.testing as t

fires(id, r) if id in t.fired(violations, r.ref) with input as {"resources": [r]}

role(name, rules) := t.k8s_object("ClusterRole", name, null, {"rules": rules})

binding(name, role_name, subjects) := t.k8s_object("ClusterRoleBinding", name, null, {"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role_name}, "subjects": subjects})

sa := {"kind": "ServiceAccount", "name": "deployer", "namespace": "ci"}

test_rbac_001_cluster_admin_to_service_account_fails if fires("K8S-RBAC-001", binding("ci-admin", "cluster-admin", [sa]))

test_rbac_001_wildcard_role_to_group_fails if {
	r := binding("ops", "everything", [{"kind": "Group", "name": "ops"}])
	"K8S-RBAC-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
		with data.inventory.ClusterRole as {"_": {"everything": role("everything", [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}])}}
}

test_rbac_001_cluster_admin_to_a_person_passes if {
	not fires("K8S-RBAC-001", binding("alice-admin", "cluster-admin", [{"kind": "User", "name": "alice@example.com"}]))
}

test_rbac_001_builtin_binding_passes if {
	r := json.patch(binding("cluster-admin", "cluster-admin", [{"kind": "Group", "name": "system:masters"}]), [{"op": "add", "path": "/raw/metadata/labels", "value": {"kubernetes.io/bootstrapping": "rbac-defaults"}}])
	not fires("K8S-RBAC-001", r)
}

test_rbac_002_wildcard_verbs_fails if fires("K8S-RBAC-002", role("ops", [{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["*"]}]))

test_rbac_002_listed_verbs_pass if {
	not fires("K8S-RBAC-002", role("ops", [{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get", "list", "patch"]}]))
}

test_rbac_003_list_secrets_fails if fires("K8S-RBAC-003", role("reader", [{"apiGroups": [""], "resources": ["secrets", "configmaps"], "verbs": ["get", "list"]}]))

test_rbac_003_named_secret_get_passes if {
	not fires("K8S-RBAC-003", role("reader", [{"apiGroups": [""], "resources": ["secrets"], "resourceNames": ["web-tls"], "verbs": ["get"]}]))
}

test_rbac_004_pods_exec_fails if fires("K8S-RBAC-004", role("debugger", [{"apiGroups": [""], "resources": ["pods", "pods/exec"], "verbs": ["get", "create"]}]))

test_rbac_004_pods_read_passes if not fires("K8S-RBAC-004", role("viewer", [{"apiGroups": [""], "resources": ["pods", "pods/log"], "verbs": ["get", "list"]}]))

test_rbac_005_impersonate_fails if fires("K8S-RBAC-005", role("proxy", [{"apiGroups": [""], "resources": ["users", "groups"], "verbs": ["impersonate"]}]))

test_rbac_005_escalate_fails if fires("K8S-RBAC-005", role("granter", [{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterroles"], "verbs": ["escalate"]}]))

test_rbac_005_every_verb_on_roles_fails if {
	fires("K8S-RBAC-005", role("roles-admin", [{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["rolebindings", "roles"], "verbs": ["*"]}]))
}

test_rbac_005_role_reader_passes if {
	not fires("K8S-RBAC-005", role("auditor", [{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterroles", "roles"], "verbs": ["get", "list"]}]))
}

test_rbac_006_anonymous_binding_fails if fires("K8S-RBAC-006", binding("open", "view", [{"kind": "User", "name": "system:anonymous"}]))

test_rbac_006_public_info_passes if {
	not fires("K8S-RBAC-006", binding("health", "system:public-info-viewer", [{"kind": "Group", "name": "system:unauthenticated"}]))
}

test_rbac_007_authenticated_binding_fails if fires("K8S-RBAC-007", binding("all-view", "view", [{"kind": "Group", "name": "system:authenticated"}]))

test_rbac_007_named_group_passes if not fires("K8S-RBAC-007", binding("devs-view", "view", [{"kind": "Group", "name": "developers"}]))

test_rbac_008_default_service_account_bound_fails if {
	fires("K8S-RBAC-008", t.k8s_object("RoleBinding", "default-edit", "shop", {"roleRef": {"kind": "ClusterRole", "name": "edit"}, "subjects": [{"kind": "ServiceAccount", "name": "default"}]}))
}

test_rbac_008_own_service_account_passes if {
	not fires("K8S-RBAC-008", t.k8s_object("RoleBinding", "web-edit", "shop", {"roleRef": {"kind": "ClusterRole", "name": "edit"}, "subjects": [{"kind": "ServiceAccount", "name": "web"}]}))
}

test_rbac_009_webhook_control_fails if {
	fires("K8S-RBAC-009", role("hooks", [{"apiGroups": ["admissionregistration.k8s.io"], "resources": ["mutatingwebhookconfigurations"], "verbs": ["create", "patch"]}]))
}

test_rbac_009_webhook_read_passes if {
	not fires("K8S-RBAC-009", role("hooks", [{"apiGroups": ["admissionregistration.k8s.io"], "resources": ["mutatingwebhookconfigurations"], "verbs": ["get", "list"]}]))
}
