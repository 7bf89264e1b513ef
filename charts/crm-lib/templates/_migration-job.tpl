{{/*
crm-lib.migrationJob: a Job that runs the service's database migrations as a Helm pre-install and
pre-upgrade hook, rendered when migration.enabled. It uses the service image, migration.command /
migration.args, and the service's environment.

Pre-install hooks run before any of the release's own resources exist, so the Job must not depend on
them: it gets the environment inline (not the chart ConfigMap), the chart-made secrets from a hook
Secret of its own (crm-lib.migrationSecret, created just before it and deleted once the hooks succeed),
secretEnv.existingSecret as is (it is managed outside the release), and the namespace's default
ServiceAccount unless migration.serviceAccountName names one that already exists.
*/}}
{{- define "crm-lib.migrationJob" -}}
{{- if .Values.migration.enabled -}}
{{- $m := .Values.migration -}}
{{- if not $m.command -}}
{{- fail "crm-lib: migration.command is required when migration.enabled" -}}
{{- end -}}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ printf "%s-migrate" (include "crm-lib.fullname" .) | trunc 63 | trimSuffix "-" | quote }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "crm-lib.migrationLabels" . | nindent 4 }}
  annotations:
    "helm.sh/hook": "pre-install,pre-upgrade"
    "helm.sh/hook-weight": "0"
    "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded"
spec:
  backoffLimit: {{ get $m "backoffLimit" | default 1 | int }}
  activeDeadlineSeconds: {{ get $m "activeDeadlineSeconds" | default 600 | int }}
  ttlSecondsAfterFinished: {{ get $m "ttlSecondsAfterFinished" | default 3600 | int }}
  template:
    metadata:
      labels:
        {{- include "crm-lib.migrationLabels" . | nindent 8 }}
      annotations:
        {{- include "crm-lib.configChecksums" . | nindent 8 }}
    spec:
      restartPolicy: "Never"
      {{- with (get $m "serviceAccountName") }}
      serviceAccountName: {{ . | quote }}
      {{- end }}
      automountServiceAccountToken: false
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- include "crm-lib.podSecurityContext" . | nindent 8 }}
      containers:
        - name: "migrate"
          image: {{ include "crm-lib.image" . | quote }}
          imagePullPolicy: {{ .Values.image.pullPolicy | default "IfNotPresent" | quote }}
          command:
            {{- range $m.command }}
            - {{ . | quote }}
            {{- end }}
          {{- with (get $m "workingDir") }}
          workingDir: {{ . | quote }}
          {{- end }}
          {{- with (get $m "args") }}
          args:
            {{- range . }}
            - {{ . | quote }}
            {{- end }}
          {{- end }}
          env:
            {{- range $key, $value := (include "crm-lib.envMap" . | fromYaml) }}
            - name: {{ $key | quote }}
              value: {{ $value | toString | quote }}
            {{- end }}
          {{- if or .Values.secretEnv.values .Values.secretEnv.existingSecret }}
          envFrom:
            {{- if .Values.secretEnv.values }}
            - secretRef:
                name: {{ printf "%s-migrate" (include "crm-lib.secretName" .) | trunc 63 | trimSuffix "-" | quote }}
            {{- end }}
            {{- if .Values.secretEnv.existingSecret }}
            - secretRef:
                name: {{ tpl .Values.secretEnv.existingSecret . | quote }}
            {{- end }}
          {{- end }}
          {{- with (get $m "resources") | default .Values.resources }}
          resources:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          securityContext:
            {{- include "crm-lib.containerSecurityContext" . | nindent 12 }}
          volumeMounts:
            - name: "tmp"
              mountPath: "/tmp"
      volumes:
        - name: "tmp"
          emptyDir:
            sizeLimit: {{ .Values.tmpSizeLimit | default "64Mi" | quote }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end -}}
{{- end -}}

{{/*
crm-lib.migrationSecret: the hook Secret holding secretEnv.values for the migration Job (see above);
rendered when migration.enabled and secretEnv.values is non-empty.
*/}}
{{- define "crm-lib.migrationSecret" -}}
{{- if and .Values.migration.enabled .Values.secretEnv.values -}}
apiVersion: v1
kind: Secret
metadata:
  name: {{ printf "%s-migrate" (include "crm-lib.secretName" .) | trunc 63 | trimSuffix "-" | quote }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "crm-lib.migrationLabels" . | nindent 4 }}
  annotations:
    "helm.sh/hook": "pre-install,pre-upgrade"
    "helm.sh/hook-weight": "-10"
    "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded"
type: Opaque
data:
  {{- range $key, $value := .Values.secretEnv.values }}
  {{ $key | quote }}: {{ $value | toString | b64enc | quote }}
  {{- end }}
{{- end -}}
{{- end -}}
