{{/*
crm-lib.secret: a Secret made from secretEnv.values, for dev and test clusters only; rendered only when
that map is non-empty. Production sets secretEnv.existingSecret instead (a Secret managed outside Helm,
e.g. by External Secrets or Sealed Secrets); both are loaded with envFrom, the existing one last (wins).
*/}}
{{- define "crm-lib.secret" -}}
{{- if .Values.secretEnv.values -}}
apiVersion: v1
kind: Secret
metadata:
  name: {{ include "crm-lib.secretName" . | quote }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
type: Opaque
data:
  {{- range $key, $value := .Values.secretEnv.values }}
  {{ $key | quote }}: {{ $value | toString | b64enc | quote }}
  {{- end }}
{{- end -}}
{{- end -}}
