{{/*
crm-lib.service: ClusterIP Service with one port per entry of .Values.ports (name = key, targetPort = the
named container port). Values: ports, service.type, service.annotations.
*/}}
{{- define "crm-lib.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "crm-lib.fullname" . | quote }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
  {{- with .Values.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ .Values.service.type | default "ClusterIP" | quote }}
  selector:
    {{- include "crm-lib.selectorLabels" . | nindent 4 }}
  ports:
    {{- range $name, $port := .Values.ports }}
    {{- if $port }}
    - name: {{ $name | quote }}
      port: {{ $port | int }}
      targetPort: {{ $name | quote }}
      protocol: TCP
      appProtocol: {{ ternary "grpc" "http" (eq $name "grpc") | quote }}
    {{- end }}
    {{- end }}
{{- end -}}
