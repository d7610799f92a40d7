package simian.kubernetes.secrets_test

import data.simian.kubernetes.secrets.violations
import data.simian.lib.security as sec
import data.simian.lib.testing as t

fires(id, r) if id in t.fired(violations, r.ref) with input as {"resources": [r]}

with_env(env) := t.pod("web", t.spec_with({"containers": [object.union(t.secure_container, {"env": env})]}))

test_secret_001_password_by_name_fails if {
	r := with_env([{"name": "LOG_LEVEL", "value": "info"}, {"name": "DB_PASSWORD", "value": "hunter2"}])
	some v in violations with input as {"resources": [r]}
	v.rule == "K8S-SECRET-001"
	v.evidence.observed == [{"path": "spec.containers[0].env[1].value", "value": "<redacted: 7 characters>"}]
	not contains(v.message, "hunter2")
}

test_secret_001_aws_key_by_shape_fails if {
	fires("K8S-SECRET-001", with_env([{"name": "UPSTREAM", "value": "AKIAIOSFODNN7EXAMPLE"}]))
}

test_secret_001_random_value_fails if {
	fires("K8S-SECRET-001", with_env([{"name": "SIGNING", "value": "q8Zr3TfV9xLm2PwK7sYd4HnB6cJe1GuA"}]))
}

test_secret_001_plain_settings_pass if {
	not fires("K8S-SECRET-001", with_env([
		{"name": "LOG_LEVEL", "value": "debug"},
		{"name": "PASSWORD_FILE", "value": "/run/secrets/db"},
		{"name": "TOKEN_URL", "value": "https://auth.example.com/oauth/token"},
		{"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}},
		{"name": "IMAGE", "value": "registry.example.com/shop/web:1.4.2"},
		{"name": "REQUEST_ID_HEADER", "value": "X-Request-Id"},
	]))
}

test_secret_002_configmap_key_fails if {
	fires("K8S-SECRET-002", t.k8s_object("ConfigMap", "web", "shop", {"data": {"api_token": "abc123"}}))
}

test_secret_002_properties_line_fails if {
	r := t.k8s_object("ConfigMap", "web", "shop", {"data": {"application.properties": "server.port=8080\nspring.datasource.password=s3cr3t!\n"}})
	some v in violations with input as {"resources": [r]}
	v.rule == "K8S-SECRET-002"
	not contains(v.message, "s3cr3t")
	not contains(json.marshal(v.evidence), "s3cr3t")
}

test_secret_002_private_key_fails if {
	fires("K8S-SECRET-002", t.k8s_object("ConfigMap", "tls", "shop", {"data": {"key.pem": "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n"}}))
}

test_secret_002_plain_config_passes if {
	not fires("K8S-SECRET-002", t.k8s_object("ConfigMap", "web", "shop", {"data": {
		"LOG_LEVEL": "info",
		"nginx.conf": "server {\n  listen 8080;\n  server_name shop.example.com;\n}\n",
		"commit": "9fceb02d0ae598e95dc970b74767f19372d61af8",
		"request_id": "550e8400-e29b-41d4-a716-446655440000",
	}}))
}

test_secret_003_secret_key_ref_fails if {
	fires("K8S-SECRET-003", with_env([{"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}}]))
}

test_secret_003_env_from_secret_fails if {
	r := t.pod("web", t.spec_with({"containers": [object.union(t.secure_container, {"envFrom": [{"secretRef": {"name": "db"}}]})]}))
	fires("K8S-SECRET-003", r)
}

test_secret_003_secret_volume_passes if {
	not fires("K8S-SECRET-003", t.pod("web", t.spec_with({"volumes": [{"name": "db", "secret": {"secretName": "db"}}]})))
}

test_entropy_of_random_and_plain_strings if {
	sec.entropy("aaaa") == 0
	sec.entropy("abcd") == 2
	sec.entropy("q8Zr3TfV9xLm2PwK7sYd4HnB6cJe1GuA") > 4.2
	sec.entropy("550e8400-e29b-41d4-a716-446655440000") < 4.2
}
