# METADATA
# title: Security helpers
# description: |
#   What the security rules share: every container of a workload with its JSON path, security
#   context fields as the container sees them (its own, else its pod's), evidence in one shape,
#   RBAC rule matching, and secret detection (names, known token shapes, Shannon entropy) that
#   never hands back the value it found.
package simian.lib.security

import data.simian.lib.kubernetes as k8s
import data.simian.lib.params.params

# Where a workload keeps its pod spec, as a JSON path.
pod_spec_path(r) := "spec.jobTemplate.spec.template.spec" if {
	r.kind == "CronJob"
} else := "spec" if {
	r.kind == "Pod"
} else := "spec.template.spec"

# Every container (app, init and ephemeral) with its JSON path in the object.
containers(r) := [{"container": c, "path": sprintf("%s.%s[%d]", [pod_spec_path(r), field, i])} |
	some field in ["containers", "initContainers", "ephemeralContainers"]
	some i, c in object.get(k8s.pod_spec(r), field, [])
]

pod_security_context(r) := object.get(k8s.pod_spec(r), "securityContext", {})

# A security-context field as a container sees it: its own, else its pod's; null when neither sets it.
effective(r, c, field) := v if {
	v := object.get(c, ["securityContext", field], null)
	v != null
} else := object.get(pod_security_context(r), field, null)

# One key of an object-valued security-context field (seccompProfile.type, ...); null when unset.
effective_field(r, c, field, key) := object.get(o, key, null) if {
	o := effective(r, c, field)
	is_object(o)
} else := null

# The JSON path where that value was set (the container's, else the pod's security context).
effective_path(r, entry, field) := sprintf("%s.securityContext.%s", [entry.path, field]) if {
	object.get(entry.container, ["securityContext", field], null) != null
} else := sprintf("%s.securityContext.%s", [pod_spec_path(r), field])

# One observed value and where it was read, for evidence.
observed(path, value) := {"path": path, "value": value}

# Evidence of a finding: every JSON path looked at, and what was there (redacted for secrets).
evidence(list) := {"observed": sort(list)}

# A workload judged by the pod security rules: a controller's pods are judged through it.
is_workload(r) := k8s.is_workload(r)

# Names of the containers behind a set of evidence entries, for messages.
names(entries) := concat(", ", sort({e.container.name | some e in entries}))

# --- RBAC ---

# Roles and bindings that Kubernetes itself keeps (reconciled at every API server start).
builtin_rbac(r) if {
	r.raw.metadata.labels["kubernetes.io/bootstrapping"] == "rbac-defaults"
}

builtin_rbac(r) if startswith(r.name, "system:")

# Whether a PolicyRule of a Role grants any of `verbs` on any of `resources` (core group).
grants(rule, resources, verbs) if {
	some g in object.get(rule, "apiGroups", [""])
	g in {"", "*"}
	some res in object.get(rule, "resources", [])
	resource_matches(res, resources)
	some verb in object.get(rule, "verbs", [])
	verb_matches(verb, verbs)
}

resource_matches("*", _)

resource_matches(res, resources) if res in resources

# "pods/*" covers every subresource of pods.
resource_matches(res, resources) if {
	endswith(res, "/*")
	some wanted in resources
	startswith(wanted, trim_suffix(res, "*"))
}

verb_matches("*", _)

verb_matches(verb, verbs) if verb in verbs

# Subjects of a binding, with the namespace a ServiceAccount subject lives in.
subjects(b) := [object.union({"namespace": object.get(b, "namespace", "")}, s) | some s in object.get(b.raw, "subjects", [])]

# --- secrets ---

# Whether a key or variable name says it holds a secret, and does not just point at one.
secret_name(name) if {
	some pattern in params.secret_name_patterns
	regex.match(concat("", ["(?i)", pattern]), name)
	not regex.match(concat("", ["(?i)", params.secret_name_exclusions]), name)
}

# A value worth judging: a literal, not a path, a template or an empty string.
literal(value) if {
	is_string(value)
	trim_space(value) != ""
	not startswith(value, "/")
	not startswith(value, "${")
	not startswith(value, "{{")
}

# The names of the known token shapes a value has (AWS key id, private key, ...).
token_shapes(value) := {name | some name, pattern in params.secret_value_patterns; regex.match(pattern, value)}

# Why a value looks like a secret, whatever its name: a known shape, or randomness (mixed case,
# digits, no spaces, not a URL or host name, and enough bits per character).
secret_value_reasons(value) := {sprintf("it has the shape of %s", [name]) | some name in token_shapes(value)} | {"its characters look random (high entropy)" | random_looking(value)}

random_looking(value) if {
	count(value) >= params.secret_entropy_min_length
	not regex.match("\\s", value)
	regex.match("[0-9]", value)
	regex.match("[A-Z]", value)
	regex.match("[a-z]", value)
	not regex.match("^[a-zA-Z][a-zA-Z0-9+.-]*://[^@]*$", value)
	not regex.match("^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}(:[0-9]+)?$", value)
	entropy(value) >= params.secret_entropy_min_bits
}

# The Shannon entropy of a string, in bits per character, over its first 256 characters.
entropy(s) := h if {
	chars := split(substring(s, 0, 256), "")
	n := count(chars)
	n > 0
	counts := {c: k | some c in chars; k := count([1 | some x in chars; x == c])}
	h := log2[n] - (sum([x | some k in counts; x := k * log2[k]]) / n)
}

# What a report may show of a secret: its length, never its characters.
redacted(value) := sprintf("<redacted: %d characters>", [count(value)])

# log2 of 0..256 (log2[0] is unused): Rego in wasm has no logarithm.
log2 := [0, 0.0, 1.0, 1.584963, 2.0, 2.321928, 2.584963, 2.807355, 3.0, 3.169925, 3.321928, 3.459432, 3.584963, 3.70044, 3.807355, 3.906891, 4.0, 4.087463, 4.169925, 4.247928, 4.321928, 4.392317, 4.459432, 4.523562, 4.584963, 4.643856, 4.70044, 4.754888, 4.807355, 4.857981, 4.906891, 4.954196, 5.0, 5.044394, 5.087463, 5.129283, 5.169925, 5.209453, 5.247928, 5.285402, 5.321928, 5.357552, 5.392317, 5.426265, 5.459432, 5.491853, 5.523562, 5.554589, 5.584963, 5.61471, 5.643856, 5.672425, 5.70044, 5.72792, 5.754888, 5.78136, 5.807355, 5.83289, 5.857981, 5.882643, 5.906891, 5.930737, 5.954196, 5.97728, 6.0, 6.022368, 6.044394, 6.066089, 6.087463, 6.108524, 6.129283, 6.149747, 6.169925, 6.189825, 6.209453, 6.228819, 6.247928, 6.266787, 6.285402, 6.303781, 6.321928, 6.33985, 6.357552, 6.375039, 6.392317, 6.409391, 6.426265, 6.442943, 6.459432, 6.475733, 6.491853, 6.507795, 6.523562, 6.539159, 6.554589, 6.569856, 6.584963, 6.599913, 6.61471, 6.629357, 6.643856, 6.658211, 6.672425, 6.686501, 6.70044, 6.714246, 6.72792, 6.741467, 6.754888, 6.768184, 6.78136, 6.794416, 6.807355, 6.820179, 6.83289, 6.84549, 6.857981, 6.870365, 6.882643, 6.894818, 6.906891, 6.918863, 6.930737, 6.942515, 6.954196, 6.965784, 6.97728, 6.988685, 7.0, 7.011227, 7.022368, 7.033423, 7.044394, 7.055282, 7.066089, 7.076816, 7.087463, 7.098032, 7.108524, 7.118941, 7.129283, 7.139551, 7.149747, 7.159871, 7.169925, 7.179909, 7.189825, 7.199672, 7.209453, 7.219169, 7.228819, 7.238405, 7.247928, 7.257388, 7.266787, 7.276124, 7.285402, 7.294621, 7.303781, 7.312883, 7.321928, 7.330917, 7.33985, 7.348728, 7.357552, 7.366322, 7.375039, 7.383704, 7.392317, 7.400879, 7.409391, 7.417853, 7.426265, 7.434628, 7.442943, 7.451211, 7.459432, 7.467606, 7.475733, 7.483816, 7.491853, 7.499846, 7.507795, 7.5157, 7.523562, 7.531381, 7.539159, 7.546894, 7.554589, 7.562242, 7.569856, 7.577429, 7.584963, 7.592457, 7.599913, 7.60733, 7.61471, 7.622052, 7.629357, 7.636625, 7.643856, 7.651052, 7.658211, 7.665336, 7.672425, 7.67948, 7.686501, 7.693487, 7.70044, 7.707359, 7.714246, 7.721099, 7.72792, 7.73471, 7.741467, 7.748193, 7.754888, 7.761551, 7.768184, 7.774787, 7.78136, 7.787903, 7.794416, 7.8009, 7.807355, 7.813781, 7.820179, 7.826548, 7.83289, 7.839204, 7.84549, 7.851749, 7.857981, 7.864186, 7.870365, 7.876517, 7.882643, 7.888743, 7.894818, 7.900867, 7.906891, 7.912889, 7.918863, 7.924813, 7.930737, 7.936638, 7.942515, 7.948367, 7.954196, 7.960002, 7.965784, 7.971544, 7.97728, 7.982994, 7.988685, 7.994353, 8.0]
