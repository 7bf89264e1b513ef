{{/*
crm-lib.configmap: the service's non-secret environment (see crm-lib.envMap), loaded with envFrom.
Its checksum is a pod annotation, so a change rolls the Deployment.
*/}}
{{- define "crm-lib.configmap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "crm-lib.fullname" . | quote }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
data:
  {{- range $key, $value := (include "crm-lib.envMap" . | fromYaml) }}
  {{ $key | quote }}: {{ $value | toString | quote }}
  {{- end }}
{{- end -}}
