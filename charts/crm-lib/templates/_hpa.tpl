{{/*
crm-lib.hpa: autoscaling/v2 HorizontalPodAutoscaler, rendered only when autoscaling.enabled.
Values: autoscaling.{enabled,minReplicas,maxReplicas,targetCPUUtilizationPercentage,
targetMemoryUtilizationPercentage,behavior}. CPU targets need resources.requests.cpu.
*/}}
{{- define "crm-lib.hpa" -}}
{{- if .Values.autoscaling.enabled -}}
{{- $a := .Values.autoscaling -}}
{{- if lt ($a.maxReplicas | int) ($a.minReplicas | int) -}}
{{- fail "crm-lib: autoscaling.maxReplicas must be >= autoscaling.minReplicas" -}}
{{- end -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "crm-lib.fullname" . | quote }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: "apps/v1"
    kind: "Deployment"
    name: {{ include "crm-lib.fullname" . | quote }}
  minReplicas: {{ $a.minReplicas | int }}
  maxReplicas: {{ $a.maxReplicas | int }}
  metrics:
    - type: "Resource"
      resource:
        name: "cpu"
        target:
          type: "Utilization"
          averageUtilization: {{ $a.targetCPUUtilizationPercentage | default 70 | int }}
    {{- with (get $a "targetMemoryUtilizationPercentage") }}
    - type: "Resource"
      resource:
        name: "memory"
        target:
          type: "Utilization"
          averageUtilization: {{ . | int }}
    {{- end }}
  {{- with (get $a "behavior") }}
  behavior:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}
{{- end -}}
