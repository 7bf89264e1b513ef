{{/*
crm-lib.ingress: networking.k8s.io/v1 Ingress to the http port, rendered when ingress.enabled.
Values: ingress.{enabled,className,annotations,hosts[{host,paths[{path,pathType}]}],tls[{secretName,hosts}]}.
*/}}
{{- define "crm-lib.ingress" -}}
{{- if .Values.ingress.enabled -}}
{{- $fullname := include "crm-lib.fullname" . -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ $fullname | quote }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
  {{- with .Values.ingress.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with .Values.ingress.className }}
  ingressClassName: {{ . | quote }}
  {{- end }}
  {{- with .Values.ingress.tls }}
  tls:
    {{- range . }}
    - secretName: {{ .secretName | quote }}
      hosts:
        {{- range .hosts }}
        - {{ tpl . $ | quote }}
        {{- end }}
    {{- end }}
  {{- end }}
  rules:
    {{- range .Values.ingress.hosts }}
    - host: {{ tpl .host $ | quote }}
      http:
        paths:
          {{- range (.paths | default (list (dict "path" "/" "pathType" "Prefix"))) }}
          - path: {{ .path | default "/" | quote }}
            pathType: {{ .pathType | default "Prefix" | quote }}
            backend:
              service:
                name: {{ $fullname | quote }}
                port:
                  name: "http"
          {{- end }}
    {{- end }}
{{- end -}}
{{- end -}}
