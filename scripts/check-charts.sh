#!/usr/bin/env bash
# Offline checks of every Helm chart under charts/ (no cluster, no network):
#   1. helm dependency build   (file:// dependencies; charts are processed in dependency order, so a
#                               library change reaches the service charts and then the umbrella)
#   2. helm lint --strict      with the default values and each extra values file (below)
#   3. helm template           for every Kubernetes version in PW_CHECK_KUBE_VERSIONS (--kube-version)
#   4. kubeconform -strict     on the rendered manifests, against the JSON schemas unpacked by
#                              deploy/local/components/helm-tools.sh (no missing schema is tolerated)
# Extra values files per chart: charts/<chart>/ci/*-values.yaml and deploy/environments/*/<chart>.values.yaml.
# Prints "charts: N passed, M failed" last and exits non-zero if any chart failed.
#
# Usage: scripts/check-charts.sh [chart-name...]       (default: every charts/*/Chart.yaml)
# Needs: bash deploy/local/components/helm-tools.sh install
# Env:   PW_CHECK_KUBE_VERSIONS (default: the schema versions installed, "1.34.0 1.37.0")
#        PW_CHECK_KEEP=1 keeps the rendered manifests and prints their directory.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/deploy/local/components/helm-tools.sh"

eval "$(bash "$TOOLS" env)"
if ! bash "$TOOLS" status >/dev/null 2>&1; then
  bash "$TOOLS" status >&2 || true
  echo "check-charts: ERROR: helm/kubeconform/schemas missing; run: bash deploy/local/components/helm-tools.sh install" >&2
  exit 2
fi
KUBE_VERSIONS="${PW_CHECK_KUBE_VERSIONS:-$PW_K8S_SCHEMA_VERSIONS}"
for kv in $KUBE_VERSIONS; do
  [ -f "$PW_K8S_SCHEMA_ROOT/v$kv-local-strict/.complete" ] \
    || { echo "check-charts: ERROR: no schemas for Kubernetes $kv; run: PW_K8S_SCHEMA_VERSIONS=\"$KUBE_VERSIONS\" bash deploy/local/components/helm-tools.sh install" >&2; exit 2; }
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/check-charts.XXXXXX")"
if [ "${PW_CHECK_KEEP:-0}" = 1 ]; then
  trap 'echo "check-charts: rendered manifests kept in $WORK/rendered" >&2' EXIT
else
  trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK/rendered"
# A private Helm home: no user repositories/plugins leak in, nothing is written to ~/.config or ~/.cache.
export HELM_CONFIG_HOME="$WORK/helm/config" HELM_CACHE_HOME="$WORK/helm/cache" HELM_DATA_HOME="$WORK/helm/data"
NAMESPACE="pipewright"

say()  { printf '%s\n' "$*"; }
step() { printf '  %-8s %s\n' "$1" "$2"; }

# Runs a command quietly; on failure prints its output indented and returns 1.
run() {
  local label="$1"; shift
  local out
  if out="$("$@" 2>&1)"; then
    case "$out" in
      Summary:*) step ok "$label (${out#Summary: })" ;;
      *)         step ok "$label" ;;
    esac
    return 0
  fi
  step FAIL "$label"
  printf '%s\n' "$out" | sed 's/^/           | /'
  return 1
}

chart_field() { sed -n "s/^$2:[[:space:]]*\"\{0,1\}\([^\"]*\)\"\{0,1\}[[:space:]]*\$/\1/p" "$1/Chart.yaml" | head -1; }
local_deps()  { sed -n 's/^[[:space:]]*repository:[[:space:]]*"\{0,1\}file:\/\/\.\.\/\([^"]*\)"\{0,1\}[[:space:]]*$/\1/p' "$1/Chart.yaml"; }

# Charts in dependency order (a chart after the charts it depends on through file://).
ordered_charts() {
  local all=("$@") done=() progress c d ok
  while [ ${#done[@]} -lt ${#all[@]} ]; do
    progress=0
    for c in "${all[@]}"; do
      [[ " ${done[*]-} " == *" $c "* ]] && continue
      ok=1
      for d in $(local_deps "$ROOT/charts/$c"); do
        [[ " ${all[*]} " == *" $d "* ]] || continue
        [[ " ${done[*]-} " == *" $d "* ]] || ok=0
      done
      if [ $ok = 1 ]; then done+=("$c"); progress=1; fi
    done
    [ $progress = 1 ] || { echo "check-charts: ERROR: dependency cycle among: ${all[*]}" >&2; exit 2; }
  done
  printf '%s\n' "${done[@]}"
}

# kubeconform on one file; also insists that something was rendered and nothing was skipped.
validate() {
  local file="$1" kv="$2" out summary
  if ! out="$("$PW_KUBECONFORM_BIN" -strict -summary -output text \
        -kubernetes-version "$kv" -schema-location "$PW_K8S_SCHEMA_LOCATION" "$file" 2>&1)"; then
    printf '%s\n' "$out"
    return 1
  fi
  summary="$(printf '%s\n' "$out" | grep '^Summary:' || true)"
  if ! [[ "$summary" =~ ([0-9]+)\ resources?\ found.*Valid:\ ([0-9]+),\ Invalid:\ 0,\ Errors:\ 0,\ Skipped:\ 0 ]] \
     || [ "${BASH_REMATCH[1]}" = 0 ] || [ "${BASH_REMATCH[1]}" != "${BASH_REMATCH[2]}" ]; then
    printf '%s\n' "$out"
    echo "unexpected kubeconform summary (nothing rendered, or resources skipped)"
    return 1
  fi
  printf '%s\n' "$summary"
}

# render OUT CHART DIR KUBE_VERSION [helm args...]: helm template (hooks included) into OUT.
render() {
  local out="$1" name="$2" dir="$3" kv="$4"; shift 4
  "$PW_HELM_BIN" template "$name" "$dir" --namespace "$NAMESPACE" --kube-version "$kv" "$@" > "$out"
}

check_chart() {
  local name="$1" dir="$ROOT/charts/$1" failed=0 type kv f label
  type="$(chart_field "$dir" type)"; type="${type:-application}"
  say "== $name ($type $(chart_field "$dir" version))"

  if [ -n "$(local_deps "$dir")" ] || grep -q '^dependencies:' "$dir/Chart.yaml"; then
    run "helm dependency build" "$PW_HELM_BIN" dependency build "$dir" --skip-refresh || failed=1
  fi

  # Values sets: default, the chart's ci/*-values.yaml, deploy/environments/<env>/<chart>.values.yaml.
  local sets=("default") files=("")
  for f in "$dir"/ci/*-values.yaml "$ROOT"/deploy/environments/*/"$name".values.yaml; do
    [ -f "$f" ] || continue
    sets+=("${f#"$ROOT"/}"); files+=("$f")
  done

  local i args
  for i in "${!sets[@]}"; do
    args=(); [ -n "${files[$i]}" ] && args=(-f "${files[$i]}")
    for kv in $KUBE_VERSIONS; do
      run "helm lint --strict [${sets[$i]}] k8s $kv" \
        "$PW_HELM_BIN" lint "$dir" --strict --kube-version "$kv" --namespace "$NAMESPACE" "${args[@]}" || failed=1
    done
    [ "$type" = library ] && continue
    for kv in $KUBE_VERSIONS; do
      label="${sets[$i]//\//_}"
      f="$WORK/rendered/$name--${label%.yaml}--$kv.yaml"
      run "helm template [${sets[$i]}] k8s $kv" render "$f" "$name" "$dir" "$kv" "${args[@]}" || { failed=1; continue; }
      run "kubeconform -strict [${sets[$i]}] k8s $kv" validate "$f" "$kv" || failed=1
    done
  done
  return $failed
}

cd "$ROOT"
if [ $# -gt 0 ]; then
  requested=("$@")
else
  requested=()
  for c in charts/*/Chart.yaml; do requested+=("$(basename "$(dirname "$c")")"); done
fi
for c in "${requested[@]}"; do
  [ -f "charts/$c/Chart.yaml" ] || { echo "check-charts: ERROR: no chart charts/$c" >&2; exit 2; }
done
[ ${#requested[@]} -gt 0 ] || { echo "check-charts: ERROR: no charts under charts/" >&2; exit 2; }

say "helm $("$PW_HELM_BIN" version --short), kubeconform $("$PW_KUBECONFORM_BIN" -v), Kubernetes schemas: $KUBE_VERSIONS (offline)"
passed=0; failed=0; failed_names=()
while read -r c; do
  if check_chart "$c"; then passed=$((passed + 1)); else failed=$((failed + 1)); failed_names+=("$c"); fi
done < <(ordered_charts "${requested[@]}")

[ $failed -eq 0 ] || say "failed charts: ${failed_names[*]}"
say "charts: $passed passed, $failed failed"
[ $failed -eq 0 ]
