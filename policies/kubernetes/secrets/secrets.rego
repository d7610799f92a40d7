# METADATA
# title: Secrets in plain sight
# description: |
#   Credentials belong in Secrets (or a vault), not in a pod spec or a ConfigMap, where anyone who
#   may read the workload reads them too. Values are judged by their key's name, by the shape of
#   well-known tokens and by their entropy; a finding shows where, never the value.
package simian.kubernetes.secrets

import data.simian.lib.security as sec

# METADATA
# title: Secret in an environment variable value
# description: |
#   A container sets an environment variable to a literal value that is a credential: its name
#   says so (PASSWORD, TOKEN, API_KEY, ...), the value has the shape of a known token (an AWS key,
#   a private key, a GitHub token, a JWT, a URL with a password), or its characters look random.
#   Everyone who may read the workload (and its last-applied annotation) reads the secret.
# custom:
#   id: K8S-SECRET-001
#   severity: high
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Move the value into a Secret and mount it as a file (or, second best, reference it with valueFrom.secretKeyRef); rotate the exposed credential.
#   frameworks: ["cis-kubernetes-1.12:5.4.1", "nsa-cisa-kubernetes-hardening:secrets", "kubescape:C-0012", "polaris:sensitiveContainerEnvVar"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := [f |
		some e in sec.containers(r)
		some i, env in object.get(e.container, "env", [])
		sec.literal(object.get(env, "value", null))
		why := reasons(env.name, env.value)
		count(why) > 0
		f := {"entry": e, "name": env.name, "path": sprintf("%s.env[%d].value", [e.path, i]), "value": env.value, "why": why}
	]
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s sets secrets in plain environment variables: %s", [r.kind, r.name, concat("; ", sort({sprintf("%s of container %s (%s)", [f.name, f.entry.container.name, concat(", ", sort(f.why))]) | some f in found}))]),
		"evidence": sec.evidence([sec.observed(f.path, sec.redacted(f.value)) | some f in found]),
	}
}

# METADATA
# title: Secret in a ConfigMap
# description: |
#   A ConfigMap holds a credential: a key whose name says so, a value with the shape of a known
#   token or random-looking characters, or a `name=value` line of a configuration file in it
#   (application.properties, .env) whose name says so. ConfigMaps are readable by far more people
#   and controllers than Secrets, and are never encrypted at rest.
# custom:
#   id: K8S-SECRET-002
#   severity: high
#   provider: kubernetes
#   monkey: security
#   kinds: [ConfigMap]
#   remediation: Move the credential into a Secret (or an external secret store) and rotate it; keep only non-secret settings in the ConfigMap.
#   frameworks: ["cis-kubernetes-1.12:5.4.1", "nsa-cisa-kubernetes-hardening:secrets", "trivy:KSV-01010", "trivy:KSV-0109", "kubescape:C-0012", "polaris:sensitiveConfigmapContent"]
violations contains v if {
	some r in input.resources
	r.provider == "kubernetes"
	r.kind == "ConfigMap"
	found := array.concat(
		[f |
			some key, value in object.get(r.raw, "data", {})
			sec.literal(value)
			why := reasons(key, value)
			count(why) > 0
			f := {"key": key, "path": sprintf("data[\"%s\"]", [key]), "value": value, "why": why}
		],
		[f |
			some key, text in object.get(r.raw, "data", {})
			is_string(text)
			contains(text, "\n")
			some line in regex.find_all_string_submatch_n(`(?m)^[ \t]*([A-Za-z0-9_.-]+)[ \t]*[=:][ \t]*["']?([^"'\s#]+)`, text, -1)
			sec.literal(line[2])
			sec.secret_name(line[1])
			f := {"key": sprintf("%s: %s", [key, line[1]]), "path": sprintf("data[\"%s\"] (line %s)", [key, line[1]]), "value": line[2], "why": {"its name says so"}}
		],
	)
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("ConfigMap %s holds secrets: %s", [r.name, concat("; ", sort({sprintf("%s (%s)", [f.key, concat(", ", sort(f.why))]) | some f in found}))]),
		"evidence": sec.evidence([sec.observed(f.path, sec.redacted(f.value)) | some f in found]),
	}
}

# Why a named value is a secret, in words; empty when it is not.
reasons(name, value) := {"its name says so" | sec.secret_name(name)} | sec.secret_value_reasons(value)

# METADATA
# title: Secret passed as an environment variable
# description: |
#   A container reads a Secret into environment variables (valueFrom.secretKeyRef or envFrom
#   secretRef). Environment variables end up in crash dumps, debug endpoints, child processes and
#   logs; a Secret mounted as a file does not, and is updated in place when it changes.
# custom:
#   id: K8S-SECRET-003
#   severity: low
#   provider: kubernetes
#   monkey: security
#   kinds: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob]
#   remediation: Mount the Secret as a volume and have the process read the file.
#   frameworks: ["cis-kubernetes-1.12:5.4.1", "kubescape:C-0207", "checkov:CKV_K8S_35"]
violations contains v if {
	some r in input.resources
	sec.is_workload(r)
	found := array.concat(
		[sec.observed(sprintf("%s.env[%d].valueFrom.secretKeyRef.name", [e.path, i]), env.valueFrom.secretKeyRef.name) |
			some e in sec.containers(r)
			some i, env in object.get(e.container, "env", [])
			is_object(object.get(env, ["valueFrom", "secretKeyRef"], null))
		],
		[sec.observed(sprintf("%s.envFrom[%d].secretRef.name", [e.path, i]), from.secretRef.name) |
			some e in sec.containers(r)
			some i, from in object.get(e.container, "envFrom", [])
			is_object(object.get(from, "secretRef", null))
		],
	)
	count(found) > 0
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("%s %s reads Secrets into environment variables: %s", [r.kind, r.name, concat(", ", sort({o.value | some o in found}))]),
		"evidence": sec.evidence(found),
	}
}
