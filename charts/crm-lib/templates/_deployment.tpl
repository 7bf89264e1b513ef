{{/*
crm-lib.deployment: the service's Deployment.
Values: image, imagePullSecrets, replicaCount (ignored while autoscaling.enabled), ports, env/secretEnv,
probes, resources, podAnnotations, podLabels, podSecurityContext, securityContext, serviceAccount,
topologySpreadConstraints, nodeSelector, tolerations, affinity, priorityClassName,
terminationGracePeriodSeconds, extraEnv, extraVolumes, extraVolumeMounts, revisionHistoryLimit, strategy.
*/}}
{{- define "crm-lib.deployment" -}}
{{- $ports := .Values.ports | default dict -}}
{{- if not $ports.http -}}
{{- fail "crm-lib: .Values.ports.http is required (health probes and metrics are served on it)" -}}
{{- end -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "crm-lib.fullname" . | quote }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount | int }}
  {{- end }}
  revisionHistoryLimit: {{ .Values.revisionHistoryLimit | default 5 | int }}
  {{- with .Values.strategy }}
  strategy:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "crm-lib.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "crm-lib.labels" . | nindent 8 }}
        {{- with .Values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        {{- include "crm-lib.configChecksums" . | nindent 8 }}
        {{- with .Values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "crm-lib.serviceAccountName" . | quote }}
      automountServiceAccountToken: {{ .Values.serviceAccount.automountToken | default false }}
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.priorityClassName }}
      priorityClassName: {{ . | quote }}
      {{- end }}
      terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds | default 30 | int }}
      securityContext:
        {{- include "crm-lib.podSecurityContext" . | nindent 8 }}
      containers:
        - name: {{ include "crm-lib.name" . | quote }}
          image: {{ include "crm-lib.image" . | quote }}
          imagePullPolicy: {{ .Values.image.pullPolicy | default "IfNotPresent" | quote }}
          {{- with .Values.command }}
          command:
            {{- range . }}
            - {{ . | quote }}
            {{- end }}
          {{- end }}
          {{- with .Values.args }}
          args:
            {{- range . }}
            - {{ . | quote }}
            {{- end }}
          {{- end }}
          ports:
            {{- range $name, $port := $ports }}
            {{- if $port }}
            - name: {{ $name | quote }}
              containerPort: {{ $port | int }}
              protocol: TCP
            {{- end }}
            {{- end }}
          envFrom:
            {{- include "crm-lib.envFrom" . | nindent 12 }}
          {{- with .Values.extraEnv }}
          env:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          {{- $probes := .Values.probes | default dict }}
          {{- $startup := get $probes "startup" | default dict }}
          {{- if get $startup "enabled" }}
          startupProbe:
            httpGet:
              path: {{ get $startup "path" | default "/healthz" | quote }}
              port: "http"
            periodSeconds: {{ get $startup "periodSeconds" | default 2 | int }}
            timeoutSeconds: {{ get $startup "timeoutSeconds" | default 2 | int }}
            failureThreshold: {{ get $startup "failureThreshold" | default 60 | int }}
          {{- end }}
          {{- $liveness := get $probes "liveness" | default dict }}
          livenessProbe:
            httpGet:
              path: {{ get $liveness "path" | default "/healthz" | quote }}
              port: "http"
            initialDelaySeconds: {{ get $liveness "initialDelaySeconds" | default 0 | int }}
            periodSeconds: {{ get $liveness "periodSeconds" | default 10 | int }}
            timeoutSeconds: {{ get $liveness "timeoutSeconds" | default 2 | int }}
            failureThreshold: {{ get $liveness "failureThreshold" | default 3 | int }}
          {{- $readiness := get $probes "readiness" | default dict }}
          readinessProbe:
            httpGet:
              path: {{ get $readiness "path" | default "/readyz" | quote }}
              port: "http"
            initialDelaySeconds: {{ get $readiness "initialDelaySeconds" | default 0 | int }}
            periodSeconds: {{ get $readiness "periodSeconds" | default 5 | int }}
            timeoutSeconds: {{ get $readiness "timeoutSeconds" | default 2 | int }}
            failureThreshold: {{ get $readiness "failureThreshold" | default 3 | int }}
          {{- with .Values.resources }}
          resources:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          securityContext:
            {{- include "crm-lib.containerSecurityContext" . | nindent 12 }}
          volumeMounts:
            # Writable scratch space: the root filesystem is read-only.
            - name: "tmp"
              mountPath: "/tmp"
            {{- with .Values.extraVolumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
      volumes:
        - name: "tmp"
          emptyDir:
            sizeLimit: {{ .Values.tmpSizeLimit | default "64Mi" | quote }}
        {{- with .Values.extraVolumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with .Values.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- range . }}
        - {{ omit . "labelSelector" | toYaml | nindent 10 | trim }}
          labelSelector:
            {{- if .labelSelector }}
            {{- toYaml .labelSelector | nindent 12 }}
            {{- else }}
            matchLabels:
              {{- include "crm-lib.selectorLabels" $ | nindent 14 }}
            {{- end }}
        {{- end }}
      {{- end }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end -}}
