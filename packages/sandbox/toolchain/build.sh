#!/usr/bin/env bash
# Builds the sandbox's tools from the Go module proxy and PyPI into a cache outside the clone,
# one folder per tool and version, so a fresh clone on the same machine pays nothing and a cold
# machine pays once. Usage: build.sh [tool...]  (default: all). Prints each tool's bin dir.
#
# Cache: $SIMIAN_CACHE_DIR, else $XDG_CACHE_HOME/simian, else ~/.cache/simian.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"
cache="${SIMIAN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/simian}"
mkdir -p "$cache"
export CGO_ENABLED=0 GOFLAGS=-mod=mod GOTOOLCHAIN=local

say() { printf '[simian toolchain] %s\n' "$*" >&2; }

# Each tool lands in $cache/<name>-<version>/ and is marked complete by a .done file written
# last, so an interrupted build is redone rather than trusted. Built in place, not moved: a
# virtualenv records its own absolute path.
done_or_build() {
  local dir="$1" fn="$2"
  if [[ -f "$dir/.done" ]]; then return 0; fi
  rm -rf "$dir" && mkdir -p "$dir"
  local t0=$SECONDS
  "$fn" "$dir"
  touch "$dir/.done"
  say "built $(basename "$dir") in $((SECONDS - t0))s"
}

# Builds k8s.io/kubernetes/cmd/<cmd> for each cmd given, from a small module of our own: the
# kubernetes module's staging requirements are v0.0.0 with replace lines, so `go install` fails.
build_kubernetes_cmds() {
  local out="$1" v="${KUBERNETES_VERSION#v}" minor
  shift
  minor="$(cut -d. -f2 <<<"$v")"
  local staging=(api apiextensions-apiserver apimachinery apiserver cli-runtime client-go
    cloud-provider cluster-bootstrap code-generator component-base component-helpers
    controller-manager cri-api cri-client csi-translation-lib dynamic-resource-allocation
    endpointslice externaljwt kms kube-aggregator kube-controller-manager kube-proxy
    kube-scheduler kubectl kubelet metrics mount-utils pod-security-admission sample-apiserver
    sample-cli-plugin sample-controller)
  mkdir -p "$out/src" "$out/bin"
  {
    echo "module simian.dev/sandbox/kubernetes"
    echo
    echo "go 1.24.0"
    echo
    echo "require k8s.io/kubernetes $KUBERNETES_VERSION"
    echo
    for m in "${staging[@]}"; do echo "replace k8s.io/$m => k8s.io/$m v0.$minor.${v##*.}"; done
  } >"$out/src/go.mod"
  local pkg=k8s.io/component-base/version
  local ld="-s -w -X $pkg.gitVersion=$KUBERNETES_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
  ld+=" -X $pkg.gitTreeState=clean -X $pkg.gitCommit=simian-sandbox-build"
  for cmd in "$@"; do
    say "building $cmd $KUBERNETES_VERSION (the first build takes 10-30 minutes on 2 cores)..."
    (cd "$out/src" && go build -ldflags "$ld" -o "$out/bin/$cmd" "k8s.io/kubernetes/cmd/$cmd")
  done
}
build_kubernetes() { build_kubernetes_cmds "$1" kube-apiserver kube-controller-manager kube-scheduler; }
# kubectl at the apiserver's version, for `kubectl get nodes` against the sandbox (optional).
build_kubectl() { build_kubernetes_cmds "$1" kubectl; }

build_etcd() {
  local out="$1"
  mkdir -p "$out/src" "$out/bin"
  printf 'module simian.dev/sandbox/etcd\n\ngo 1.24.0\n\nrequire go.etcd.io/etcd/server/v3 %s\n' \
    "$ETCD_VERSION" >"$out/src/go.mod"
  # etcd's own main package lives in a module with replace lines; this is the same two lines.
  printf 'package main\n\nimport (\n\t"os"\n\n\t"go.etcd.io/etcd/server/v3/etcdmain"\n)\n\nfunc main() { etcdmain.Main(os.Args) }\n' \
    >"$out/src/main.go"
  say "building etcd $ETCD_VERSION..."
  (cd "$out/src" && go mod tidy >/dev/null 2>&1 && go build -ldflags "-s -w" -o "$out/bin/etcd" .)
}

go_install() {
  local out="$1" pkg="$2" name="$3"
  mkdir -p "$out/bin"
  say "building $name ($pkg)..."
  GOFLAGS= GOBIN="$out/bin" go install -ldflags "-s -w" "$pkg"
}
build_kwok() { go_install "$1" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" kwok; }
build_opa() { go_install "$1" "github.com/open-policy-agent/opa@$OPA_VERSION" opa; }
build_conftest() { go_install "$1" "github.com/open-policy-agent/conftest@$CONFTEST_VERSION" conftest; }
# Security peers for `npm run bench:security` (not needed by `npm test`).
build_kube-score() { go_install "$1" "github.com/zegl/kube-score/cmd/kube-score@$KUBE_SCORE_VERSION" kube-score; }
# helm, for the chart's lint/template/install tests (~2-3 minutes on 2 cores the first time).
build_helm() { go_install "$1" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" helm; }

python_venv() {
  local out="$1" spec="$2"
  say "creating a virtualenv with $spec..."
  python3 -m venv "$out/venv"
  "$out/venv/bin/pip" install --disable-pip-version-check -q "$spec"
  mkdir -p "$out/bin"
  local f
  for f in "$out"/venv/bin/*; do ln -sf "../venv/bin/$(basename "$f")" "$out/bin/"; done
}
# Real CRDs without their controllers: the module zips on the Go module proxy carry them.
# `go mod download -json` prints the module's folder in the module cache.
module_dir() {
  (cd "$1" && GOFLAGS= go mod download -json "$2" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
}
copy_crds() {
  local out="$1" tmp="$2" module="$3" prefix="$4"
  shift 4
  local dir f
  say "fetching CRDs from $module..."
  dir="$(module_dir "$tmp" "$module")"
  [[ -n "$dir" && -d "$dir" ]] || { say "go mod download printed no folder for $module"; return 1; }
  for f in "$@"; do cp "$dir/$f" "$out/crds/$prefix-$(basename "$f")"; done
}
build_crds() {
  local out="$1" tmp
  mkdir -p "$out/crds"
  tmp="$(mktemp -d)"
  copy_crds "$out" "$tmp" "github.com/chaos-mesh/chaos-mesh@$CHAOS_MESH_VERSION" chaos-mesh \
    manifests/crd.yaml
  copy_crds "$out" "$tmp" "istio.io/api@$ISTIO_API_VERSION" istio \
    kubernetes/customresourcedefinitions.gen.yaml
  copy_crds "$out" "$tmp" "github.com/kyverno/kyverno@$KYVERNO_VERSION" wgpolicyk8s \
    config/crds/policyreport/wgpolicyk8s.io_policyreports.yaml \
    config/crds/policyreport/wgpolicyk8s.io_clusterpolicyreports.yaml
  copy_crds "$out" "$tmp" "github.com/openreports/reports-api@$OPENREPORTS_VERSION" openreports \
    config/crd/openreports.io_reports.yaml config/crd/openreports.io_clusterreports.yaml
  rm -rf "$tmp"
  chmod -R u+w "$out/crds"
}
# toxiproxy's server (the binary go install names `server`), the latency proxy's peer in test/bench.
build_toxiproxy() {
  go_install "$1" "github.com/Shopify/toxiproxy/v2/cmd/server@$TOXIPROXY_VERSION" toxiproxy
  mv "$1/bin/server" "$1/bin/toxiproxy-server"
}

build_moto() { python_venv "$1" "moto[server]==$MOTO_VERSION"; }
build_chaostoolkit() {
  python_venv "$1" "chaostoolkit==$CHAOSTOOLKIT_VERSION"
  say "adding chaostoolkit-kubernetes $CHAOSTOOLKIT_KUBERNETES_VERSION..."
  "$1/venv/bin/pip" install --disable-pip-version-check -q \
    "chaostoolkit-kubernetes==$CHAOSTOOLKIT_KUBERNETES_VERSION"
}
build_checkov() { python_venv "$1" "checkov==$CHECKOV_VERSION"; }
# Cloud Custodian, the janitor benchmark's peer (test/bench/janitor-vs-custodian.ts).
build_c7n() { python_venv "$1" "c7n==$C7N_VERSION"; }

# Programs Debian packages well: installed system-wide with apt-get (idempotent: a package already
# installed is not touched), with apt's own progress on stderr. Their bin dir is /usr/bin.
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [[ ${#missing[@]} -gt 0 ]] || return 0
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  say "installing ${missing[*]} with apt-get (once per machine)..."
  if [[ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null)" ]]; then
    "${sudo[@]}" apt-get update >&2
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >&2
}
# Debian's Chromium (headless: the HTML report's browser tests and PDF printing). Playwright's own
# browser downloads are not reachable here, so Debian's package is the build: installed with apt
# (its progress on stderr), then linked into the cache folder of the pinned major version, which is
# where tests and `SIMIAN_CHROMIUM` find it. A different installed major is said, not refused:
# Debian ships Chromium's security releases as new majors.
build_chromium() {
  local out="$1" installed
  apt_install chromium fonts-dejavu-core
  installed="$(/usr/bin/chromium --version 2>/dev/null | grep -oE '[0-9]+' | head -1 || true)"
  [[ "$installed" == "$CHROMIUM_MAJOR" ]] ||
    say "note: Debian's chromium is major ${installed:-unknown}, versions.env pins $CHROMIUM_MAJOR"
  mkdir -p "$out/bin"
  ln -sf /usr/bin/chromium "$out/bin/chromium"
}
# Debian's Prometheus (2.42) and Pushgateway: scrape `simian daemon` and take `run --once`'s push in
# tests; chaosprometheus probes query it. Debian's package is the build, linked into the cache.
build_prometheus() {
  local out="$1"
  apt_install prometheus prometheus-pushgateway
  mkdir -p "$out/bin"
  ln -sf "$(command -v prometheus)" "$out/bin/prometheus"
  ln -sf "$(command -v prometheus-pushgateway)" "$out/bin/prometheus-pushgateway"
}
# Debian's Pushgateway (1.5): receives the metrics of `simian run --once`.
build_pushgateway() { apt_install prometheus-pushgateway; }

dir_of() {
  case "$1" in
    kubernetes) echo "$cache/kubernetes-$KUBERNETES_VERSION" ;;
    etcd) echo "$cache/etcd-$ETCD_VERSION" ;;
    kwok) echo "$cache/kwok-$KWOK_VERSION" ;;
    opa) echo "$cache/opa-$OPA_VERSION" ;;
    conftest) echo "$cache/conftest-$CONFTEST_VERSION" ;;
    moto) echo "$cache/moto-$MOTO_VERSION" ;;
    chaostoolkit) echo "$cache/chaostoolkit-$CHAOSTOOLKIT_VERSION-k8s-$CHAOSTOOLKIT_KUBERNETES_VERSION" ;;
    kubectl) echo "$cache/kubectl-$KUBERNETES_VERSION" ;;
    kube-score) echo "$cache/kube-score-$KUBE_SCORE_VERSION" ;;
    checkov) echo "$cache/checkov-$CHECKOV_VERSION" ;;
    c7n) echo "$cache/c7n-$C7N_VERSION" ;;
    helm) echo "$cache/helm-$HELM_VERSION" ;;
    prometheus) echo "$cache/prometheus-debian" ;;
    chromium) echo "$cache/chromium-debian-$CHROMIUM_MAJOR" ;;
    crds) echo "$cache/crds-chaos-mesh-${CHAOS_MESH_VERSION##*-}-istio-$ISTIO_API_VERSION-kyverno-$KYVERNO_VERSION-openreports-$OPENREPORTS_VERSION" ;;
    toxiproxy) echo "$cache/toxiproxy-$TOXIPROXY_VERSION" ;;
    *) say "unknown tool '$1' (known: kubernetes etcd kwok opa conftest moto chaostoolkit kubectl kube-score checkov c7n helm chromium prometheus pushgateway crds toxiproxy)"; exit 2 ;;
  esac
}

tools=("$@")
[[ ${#tools[@]} -gt 0 ]] || tools=(etcd kwok opa moto kubernetes)
for t in "${tools[@]}"; do
  # Debian's packages are checked every time (a dpkg query), not marked done in the cache.
  case "$t" in
    pushgateway)
      "build_$t"
      echo "$t=/usr/bin"
      continue
      ;;
  esac
  d="$(dir_of "$t")"
  # A link into the system is only as good as what it points at: relink when it broke.
  if [[ -L "$d/bin/$t" && ! -e "$d/bin/$t" ]]; then rm -f "$d/.done"; fi
  done_or_build "$d" "build_$t"
  # The CRDs are manifests, not programs: their folder is what the caller needs.
  if [[ "$t" == crds ]]; then echo "$t=$d/crds"; else echo "$t=$d/bin"; fi
done
