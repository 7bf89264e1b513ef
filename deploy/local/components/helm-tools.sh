#!/usr/bin/env bash
# Helm and offline Kubernetes schema validation tools for scripts/check-charts.sh.
#
#   helm-tools.sh install   builds helm v3 and kubeconform from the Go module proxy and unpacks the
#                           Kubernetes JSON schemas shipped in the PyPI wheel `kubernetes-validate`
#                           (idempotent: anything already in $PW_CACHE is reused)
#   helm-tools.sh env       prints the shell lines that put the tools on PATH and name the schema
#                           directory; use as: eval "$(bash deploy/local/components/helm-tools.sh env)"
#   helm-tools.sh status    prints what is installed
#
# Nothing here needs a cluster, Docker or GitHub: helm and kubeconform come from the Go module proxy
# (go install), the schemas from PyPI (pip download, no install). kubeconform's default schema location
# is a GitHub URL, so it must only ever be run with -schema-location "$PW_K8S_SCHEMA_LOCATION".
#
# Overrides: PW_HELM_VERSION, PW_KUBECONFORM_VERSION, PW_K8S_VALIDATE_VERSION (the wheel),
#            PW_K8S_SCHEMA_VERSIONS (space-separated Kubernetes versions to unpack schemas for).
PW_COMPONENT=helm-tools
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

: "${PW_HELM_VERSION:=v3.22.0}"
: "${PW_KUBECONFORM_VERSION:=v0.7.0}"
: "${PW_K8S_VALIDATE_VERSION:=1.37.0}"
: "${PW_K8S_SCHEMA_VERSIONS:=1.34.0 1.37.0}"

HELM_DIR="$PW_CACHE/bin/helm-$PW_HELM_VERSION"
KUBECONFORM_DIR="$PW_CACHE/bin/kubeconform-$PW_KUBECONFORM_VERSION"
SCHEMA_ROOT="$PW_CACHE/k8s-json-schema/kubernetes-validate-$PW_K8S_VALIDATE_VERSION"
# kubeconform template: {{.NormalizedKubernetesVersion}} = v1.34.0, {{.StrictSuffix}} = -strict with -strict,
# {{.ResourceKind}}{{.KindSuffix}} = deployment-apps-v1 / service-v1 (the naming kubernetes-validate uses too).
SCHEMA_LOCATION="$SCHEMA_ROOT/{{ .NormalizedKubernetesVersion }}-local{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json"

need_go() {
  command -v go >/dev/null 2>&1 || die "Go is not on PATH: install Go >= 1.26 (helm $PW_HELM_VERSION needs go 1.26.0 per its go.mod)"
}

install_helm() {
  if [ -x "$HELM_DIR/helm" ]; then
    log "helm $PW_HELM_VERSION already built ($HELM_DIR/helm)"
    return 0
  fi
  need_go
  log "building helm $PW_HELM_VERSION from the Go module proxy (takes a few minutes on 2 cores)"
  # Read the client-go version helm was released with, as helm's Makefile does, so that the default
  # Kubernetes capabilities and lint deprecation checks match a release binary instead of the 1.20 fallback.
  local info gomod k8s_minor ldflags
  info="$(go mod download -json "helm.sh/helm/v3@$PW_HELM_VERSION" 2>&1)" \
    || die "go mod download helm.sh/helm/v3@$PW_HELM_VERSION failed (Go module proxy reachable? GOPROXY=$(go env GOPROXY)): $info"
  gomod="$(printf '%s\n' "$info" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')"
  k8s_minor="$(sed -n 's/^[[:space:]]*k8s\.io\/client-go v0\.\([0-9]*\)\..*/\1/p' "$gomod" | head -1)"
  ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$PW_HELM_VERSION -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
  if [ -n "$k8s_minor" ]; then
    ldflags="$ldflags -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$k8s_minor"
    ldflags="$ldflags -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$k8s_minor"
  fi
  mkdir -p "$HELM_DIR"
  local out
  if ! out="$(GOBIN="$HELM_DIR.tmp" CGO_ENABLED=0 go install -trimpath -ldflags "$ldflags" \
      "helm.sh/helm/v3/cmd/helm@$PW_HELM_VERSION" 2>&1)"; then
    rm -rf "$HELM_DIR.tmp"
    die "go install helm.sh/helm/v3/cmd/helm@$PW_HELM_VERSION failed:
$out"
  fi
  mv "$HELM_DIR.tmp/helm" "$HELM_DIR/helm" && rm -rf "$HELM_DIR.tmp"
  log "helm: $("$HELM_DIR/helm" version --short)"
}

install_kubeconform() {
  if [ -x "$KUBECONFORM_DIR/kubeconform" ]; then
    log "kubeconform $PW_KUBECONFORM_VERSION already built ($KUBECONFORM_DIR/kubeconform)"
    return 0
  fi
  need_go
  log "building kubeconform $PW_KUBECONFORM_VERSION from the Go module proxy"
  mkdir -p "$KUBECONFORM_DIR"
  local out
  if ! out="$(GOBIN="$KUBECONFORM_DIR.tmp" CGO_ENABLED=0 go install -trimpath -ldflags "-s -w -X main.version=$PW_KUBECONFORM_VERSION" \
      "github.com/yannh/kubeconform/cmd/kubeconform@$PW_KUBECONFORM_VERSION" 2>&1)"; then
    rm -rf "$KUBECONFORM_DIR.tmp"
    die "go install github.com/yannh/kubeconform/cmd/kubeconform@$PW_KUBECONFORM_VERSION failed:
$out"
  fi
  mv "$KUBECONFORM_DIR.tmp/kubeconform" "$KUBECONFORM_DIR/kubeconform" && rm -rf "$KUBECONFORM_DIR.tmp"
  log "kubeconform: $("$KUBECONFORM_DIR/kubeconform" -v)"
}

# The kubernetes-validate wheel carries kubernetes_validate/kubernetes-json-schema/v<ver>-local[-strict]/
# for 1.25.0 .. 1.37.0 (wheel 1.37.0): one <kind>-<group>-<version>.json per type plus _definitions.json.
# The per-type files carry "$id": "https://kubernetes.io/api/<kind>/<group>/<version>" and
# "$ref": "/api/_definitions.json#/$defs/...", which resolve to https://kubernetes.io/... - a network fetch
# in kubeconform. So the files are rewritten on unpack: "$id" dropped, refs made relative to the file
# ("_definitions.json#/$defs/..."). Only the -local-strict variant is kept (check-charts runs -strict).
install_schemas() {
  local wheel_dir="$PW_CACHE/downloads/pypi"
  local wheel="$wheel_dir/kubernetes_validate-$PW_K8S_VALIDATE_VERSION-py3-none-any.whl"
  local missing=() v
  for v in $PW_K8S_SCHEMA_VERSIONS; do
    [ -f "$SCHEMA_ROOT/v$v-local-strict/.complete" ] || missing+=("$v")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "Kubernetes schemas for $PW_K8S_SCHEMA_VERSIONS already unpacked ($SCHEMA_ROOT)"
    return 0
  fi
  require_cmd python3 "needed to unpack the kubernetes-validate wheel"
  if [ ! -f "$wheel" ]; then
    log "downloading kubernetes-validate==$PW_K8S_VALIDATE_VERSION from PyPI (wheel only, about 22 MB)"
    mkdir -p "$wheel_dir"
    local out
    out="$(python3 -m pip download --quiet --no-deps --only-binary=:all: \
        "kubernetes-validate==$PW_K8S_VALIDATE_VERSION" -d "$wheel_dir" 2>&1)" \
      || die "pip download kubernetes-validate==$PW_K8S_VALIDATE_VERSION failed (PyPI reachable?):
$out"
    [ -f "$wheel" ] || die "pip download did not produce $wheel (got: $(ls "$wheel_dir"))"
  fi
  log "unpacking strict schemas for Kubernetes ${missing[*]} into $SCHEMA_ROOT"
  python3 - "$wheel" "$SCHEMA_ROOT" "${missing[@]}" <<'PY' || die "unpacking schemas from $wheel failed"
import json, os, shutil, sys, zipfile

wheel, root, versions = sys.argv[1], sys.argv[2], sys.argv[3:]
prefix = "kubernetes_validate/kubernetes-json-schema/"
DEFS = "/api/_definitions.json"

def relink(node):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(DEFS):
            node["$ref"] = "_definitions.json" + ref[len(DEFS):]
        for value in node.values():
            relink(value)
    elif isinstance(node, list):
        for value in node:
            relink(value)

with zipfile.ZipFile(wheel) as z:
    names = z.namelist()
    available = sorted({n[len(prefix):].split("/")[0] for n in names if n.startswith(prefix)})
    for version in versions:
        folder = "v%s-local-strict" % version
        members = [n for n in names if n.startswith(prefix + folder + "/") and n.endswith(".json")]
        if not members:
            sys.exit("the wheel has no schemas for Kubernetes %s; it has: %s" % (version, " ".join(available)))
        target = os.path.join(root, folder)
        shutil.rmtree(target, ignore_errors=True)
        os.makedirs(target)
        for name in members:
            doc = json.loads(z.read(name))
            if isinstance(doc, dict):
                doc.pop("$id", None)
            relink(doc)
            with open(os.path.join(target, os.path.basename(name)), "w") as f:
                json.dump(doc, f, separators=(",", ":"))
        open(os.path.join(target, ".complete"), "w").close()
        print("  v%s: %d schema files" % (version, len(members)), file=sys.stderr)
PY
}

print_env() {
  cat <<EOF
export PATH="$HELM_DIR:$KUBECONFORM_DIR:\$PATH"
export PW_HELM_BIN="$HELM_DIR/helm"
export PW_KUBECONFORM_BIN="$KUBECONFORM_DIR/kubeconform"
export PW_K8S_SCHEMA_ROOT="$SCHEMA_ROOT"
export PW_K8S_SCHEMA_LOCATION='$SCHEMA_LOCATION'
export PW_K8S_SCHEMA_VERSIONS="$PW_K8S_SCHEMA_VERSIONS"
EOF
}

status() {
  local ok=0 v
  if [ -x "$HELM_DIR/helm" ]; then echo "helm:        $("$HELM_DIR/helm" version --short) ($HELM_DIR/helm)"; else echo "helm:        missing ($HELM_DIR/helm)"; ok=1; fi
  if [ -x "$KUBECONFORM_DIR/kubeconform" ]; then echo "kubeconform: $("$KUBECONFORM_DIR/kubeconform" -v) ($KUBECONFORM_DIR/kubeconform)"; else echo "kubeconform: missing ($KUBECONFORM_DIR/kubeconform)"; ok=1; fi
  for v in $PW_K8S_SCHEMA_VERSIONS; do
    if [ -f "$SCHEMA_ROOT/v$v-local-strict/.complete" ]; then echo "schemas:     v$v-local-strict ($SCHEMA_ROOT)"; else echo "schemas:     v$v missing"; ok=1; fi
  done
  return $ok
}

case "${1:-}" in
  install) install_helm; install_kubeconform; install_schemas; log "done; use: eval \"\$(bash ${BASH_SOURCE[0]} env)\"" ;;
  env)     print_env ;;
  status)  status ;;
  *)       die "usage: $0 install|env|status" ;;
esac
