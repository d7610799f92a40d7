# METADATA
# title: Rule parameters
# description: |
#   Defaults for every configurable rule. Callers override any of them through
#   `input.params` (Simian's `policy.params`); objects merge key by key, lists are replaced.
package simian.lib.params

default_params := {
	# K8S-AVAIL-001: a workload claims to be highly available when one of these labels or
	# annotations has one of the listed values (case-insensitive).
	"ha_claims": {
		"simian.dev/availability": ["high", "ha"],
		"simian.dev/tier": ["critical"],
		"availability": ["high", "ha"],
	},
	# K8S-RES-001 / K8S-RES-002: resources every container must request, and must be limited in.
	# Only memory is limited by default: CPU limits throttle a container even when the node is idle.
	"required_requests": ["cpu", "memory"],
	"required_limits": ["memory"],
	# K8S-OWN-001: a workload (or its namespace) must carry at least one of these labels.
	"owner_labels": ["owner", "team", "simian.dev/owner"],
	# K8S-EXPO-001: port names (matched per word: `http-metrics` has the word `metrics`) and port
	# numbers that serve an admin or debug interface.
	"admin_port_names": ["admin", "debug", "pprof", "metrics", "management", "actuator", "jmx", "console"],
	"admin_ports": [
		2019, # Caddy admin API
		4848, # GlassFish admin console
		5005, # Java JDWP debugger
		6060, # Go net/http/pprof
		8001, # kubectl proxy, Kong admin
		8444, # Kong admin over TLS
		9229, # Node.js inspector
		9901, # Envoy admin
		9990, # WildFly management
		15000, # Istio sidecar (Envoy) admin
	],
	# K8S-EXPO-001: annotations that make a LoadBalancer internal (not reachable from the internet).
	"internal_lb_annotations": {
		"service.beta.kubernetes.io/aws-load-balancer-internal": ["true"],
		"service.beta.kubernetes.io/aws-load-balancer-scheme": ["internal"],
		"networking.gke.io/load-balancer-type": ["internal"],
		"cloud.google.com/load-balancer-type": ["internal"],
		"service.beta.kubernetes.io/azure-load-balancer-internal": ["true"],
		"service.beta.kubernetes.io/oci-load-balancer-internal": ["true"],
	},
	# K8S-HEALTH-003: the annotation that declares which dependencies the readiness probe checks.
	"depends_on_annotation": "simian.dev/depends-on",
	# AWS-TAG-001: tags every AWS resource must carry (keys compared case-insensitively).
	"required_tags": ["owner"],
	# K8S-PSB-006: the capabilities Pod Security Standards baseline lets a container add.
	"baseline_capabilities": [
		"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
		"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
	],
	# K8S-HARD-002: capabilities that hand a container the node (or its network).
	"dangerous_capabilities": ["ALL", "SYS_ADMIN", "NET_ADMIN", "NET_RAW", "SYS_MODULE", "SYS_PTRACE", "BPF"],
	# K8S-HARD-001: host paths of container runtime sockets (and the folders holding them).
	"runtime_sockets": [
		"/var/run/docker.sock", "/run/docker.sock", "/var/run/containerd/containerd.sock",
		"/run/containerd/containerd.sock", "/var/run/crio/crio.sock", "/run/crio/crio.sock",
		"/var/run/cri-dockerd.sock", "/run/k3s/containerd/containerd.sock", "/var/run",
		"/run", "/var/run/containerd", "/run/containerd", "/var/run/crio", "/run/crio",
	],
	# K8S-PSB-013: sysctls Pod Security Standards baseline allows.
	"safe_sysctls": [
		"kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
		"net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
		"net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
		"net.ipv4.tcp_keepalive_probes",
	],
	# K8S-PSR-001: the volume types Pod Security Standards restricted allows.
	"restricted_volume_types": [
		"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim",
		"projected", "secret",
	],
	# K8S-HARD-005: the lowest user and group id that cannot collide with a host account.
	"min_unprivileged_id": 10000,
	# K8S-NET-001: namespaces that need no NetworkPolicy (they run no pods).
	"network_policy_exempt_namespaces": ["kube-public", "kube-node-lease"],
	# K8S-SECRET-*: names (regular expressions, case-insensitive) of keys that hold secrets, and
	# names that only point at one (a file, a URL, an id, a lifetime).
	"secret_name_patterns": [
		"passw(or)?d", "passwd", "secret", "token", "bearer", "api[-_.]?key",
		"private[-_.]?key", "access[-_.]?key", "credential", "client[-_.]?secret",
		"conn(ection)?[-_.]?str(ing)?", "^aws_secret_access_key$", "^azure_.+key$",
	],
	"secret_name_exclusions": "([-_.](file|path|ref|name|url|uri|id|ttl|expiry|expires|timeout|length|len|header|type|enabled|policy))$",
	# K8S-SECRET-*, AWS-USERDATA-001: shapes of well-known credentials.
	"secret_value_patterns": {
		"an AWS access key id": "(A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}",
		"a private key": "-----BEGIN[ A-Z]*PRIVATE KEY-----",
		"a GitHub token": "gh[pousr]_[A-Za-z0-9]{36}",
		"a Slack token": "xox[baprs]-[A-Za-z0-9-]{10,}",
		"a Stripe live key": "[rs]k_live_[0-9a-zA-Z]{20,}",
		"a Google API key": "AIza[0-9A-Za-z_-]{35}",
		"a JSON Web Token": "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}",
		"a URL with a password": "[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@",
	},
	# K8S-SECRET-*: a value this long whose characters carry this many bits each looks random.
	"secret_entropy_min_length": 20,
	"secret_entropy_min_bits": 4.2,
	# AWS-SG-004: database and data-store ports that must not face the internet.
	"database_ports": [
		1433, 1434, 1521, 2483, 2484, 3306, 5432, 5984, 6379, 7000, 7001, 7199, 8529, 9042,
		9160, 9200, 9300, 11211, 27017, 27018, 28015, 50000,
	],
}

params := object.union(default_params, object.get(input, "params", {}))
