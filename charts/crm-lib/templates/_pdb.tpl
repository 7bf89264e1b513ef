{{/*
crm-lib.pdb: policy/v1 PodDisruptionBudget, rendered only when podDisruptionBudget.enabled.
Set exactly one of podDisruptionBudget.minAvailable / podDisruptionBudget.maxUnavailable (int or "N%").
Keep it off for single-replica installs: minAvailable 1 with one replica blocks node drains.
*/}}
{{- define "crm-lib.pdb" -}}
{{- if .Values.podDisruptionBudget.enabled -}}
{{- $p := .Values.podDisruptionBudget -}}
{{- $min := get $p "minAvailable" -}}
{{- $max := get $p "maxUnavailable" -}}
{{- $hasMin := not (or (kindIs "invalid" $min) (eq (toString $min) "")) -}}
{{- $hasMax := not (or (kindIs "invalid" $max) (eq (toString $max) "")) -}}
{{- if eq $hasMin $hasMax -}}
{{- fail "crm-lib: set exactly one of podDisruptionBudget.minAvailable and podDisruptionBudget.maxUnavailable" -}}
{{- end -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "crm-lib.fullname" . | quote }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
spec:
  {{- if $hasMin }}
  minAvailable: {{ if kindIs "string" $min }}{{ $min | quote }}{{ else }}{{ $min | int }}{{ end }}
  {{- else }}
  maxUnavailable: {{ if kindIs "string" $max }}{{ $max | quote }}{{ else }}{{ $max | int }}{{ end }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "crm-lib.selectorLabels" . | nindent 6 }}
{{- end -}}
{{- end -}}
