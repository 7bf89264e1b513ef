{{/*
crm-lib.networkpolicy: ingress policy for the service's pods, rendered when networkPolicy.enabled.
- the grpc port (if any) accepts traffic only from pods labelled app.kubernetes.io/name: gateway
  (networkPolicy.grpcClients.podLabels) in the namespaces matched by
  networkPolicy.grpcClients.namespaceLabels (default: the release's own namespace);
- the http port (health probes, and for the gateway its API) and the metrics port (Prometheus) stay
  open to all sources;
- networkPolicy.extraIngress: more NetworkPolicyIngressRule objects, appended verbatim.
Egress is not restricted.
*/}}
{{- define "crm-lib.networkpolicy" -}}
{{- if .Values.networkPolicy.enabled -}}
{{- $np := .Values.networkPolicy -}}
{{- $clients := get $np "grpcClients" | default dict -}}
{{- $podLabels := get $clients "podLabels" | default (dict "app.kubernetes.io/name" "gateway") -}}
{{- $nsLabels := get $clients "namespaceLabels" -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "crm-lib.fullname" . | quote }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "crm-lib.selectorLabels" . | nindent 6 }}
  policyTypes:
    - "Ingress"
  ingress:
    - ports:
        - port: "http"
          protocol: TCP
        {{- if .Values.ports.metrics }}
        - port: "metrics"
          protocol: TCP
        {{- end }}
    {{- if .Values.ports.grpc }}
    - ports:
        - port: "grpc"
          protocol: TCP
      from:
        - podSelector:
            matchLabels:
              {{- toYaml $podLabels | nindent 14 }}
          {{- with $nsLabels }}
          namespaceSelector:
            matchLabels:
              {{- toYaml . | nindent 14 }}
          {{- end }}
    {{- end }}
    {{- with (get $np "extraIngress") }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}
{{- end -}}
