{{/*
Names, labels, image and configuration helpers shared by every crm-lib resource template.
All templates take the chart's root context (`.`) unless stated otherwise.
*/}}

{{/* Chart name, overridable with nameOverride. */}}
{{- define "crm-lib.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Fully qualified app name: fullnameOverride, else the release name when it already contains the chart
name, else "<release>-<chart>". Truncated to 63 characters (DNS label limit).
*/}}
{{- define "crm-lib.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
The default fullname another Pipewright chart gets in the same release, e.g. the Service name of
leads-contacts as seen from the gateway. Usage: include "crm-lib.peerFullname" (list $ "leads-contacts")
*/}}
{{- define "crm-lib.peerFullname" -}}
{{- $top := index . 0 -}}
{{- $peer := index . 1 -}}
{{- if contains $peer $top.Release.Name -}}
{{- $top.Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" $top.Release.Name $peer | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* "name-version" for the helm.sh/chart label. */}}
{{- define "crm-lib.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels that select the pods of this release's service; never change them after a first install. */}}
{{- define "crm-lib.selectorLabels" -}}
app.kubernetes.io/name: {{ include "crm-lib.name" . | quote }}
app.kubernetes.io/instance: {{ .Release.Name | quote }}
{{- end -}}

{{/* Standard labels put on every resource. */}}
{{- define "crm-lib.labels" -}}
helm.sh/chart: {{ include "crm-lib.chart" . | quote }}
{{ include "crm-lib.selectorLabels" . }}
app.kubernetes.io/version: {{ include "crm-lib.imageTag" . | quote }}
app.kubernetes.io/part-of: "pipewright"
app.kubernetes.io/managed-by: {{ .Release.Service | quote }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
Labels of the migration Job and its pod. They deliberately differ from crm-lib.selectorLabels in
app.kubernetes.io/name, so the Service, PDB and NetworkPolicy never select migration pods.
*/}}
{{- define "crm-lib.migrationLabels" -}}
helm.sh/chart: {{ include "crm-lib.chart" . | quote }}
app.kubernetes.io/name: {{ printf "%s-migrate" (include "crm-lib.name" .) | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/instance: {{ .Release.Name | quote }}
app.kubernetes.io/version: {{ include "crm-lib.imageTag" . | quote }}
app.kubernetes.io/component: "migration"
app.kubernetes.io/part-of: "pipewright"
app.kubernetes.io/managed-by: {{ .Release.Service | quote }}
{{- end -}}

{{/* ServiceAccount the pods run as. */}}
{{- define "crm-lib.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "crm-lib.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Name of the chart-created Secret (secretEnv.values). */}}
{{- define "crm-lib.secretName" -}}
{{- printf "%s-env" (include "crm-lib.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Image tag: image.tag, else the chart's appVersion. */}}
{{- define "crm-lib.imageTag" -}}
{{- default .Chart.AppVersion .Values.image.tag | toString -}}
{{- end -}}

{{/*
Image reference: [registry/]repository(:tag|@digest). The registry is image.registry, else
global.imageRegistry, else none (the container runtime's default registry).
*/}}
{{- define "crm-lib.image" -}}
{{- $registry := .Values.image.registry | default (dig "imageRegistry" "" (.Values.global | default dict)) -}}
{{- $ref := .Values.image.repository -}}
{{- if $registry -}}
{{- $ref = printf "%s/%s" (trimSuffix "/" $registry) $ref -}}
{{- end -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" $ref .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $ref (include "crm-lib.imageTag" .) -}}
{{- end -}}
{{- end -}}

{{/*
The service's environment as a YAML map (the ConfigMap data): every key of .Values.env, its value
rendered with tpl (so values may refer to other values, e.g. '{{ .Values.ports.http }}'). An empty value
of a key that has a global counterpart takes the global one; a non-empty service value wins.
Keys whose value is still empty are left out (unset), so the service's own default applies:
  KAFKA_BROKERS               <- global.kafka.brokers
  OTEL_EXPORTER_OTLP_ENDPOINT <- global.otel.endpoint
  KEYCLOAK_ISSUER             <- global.keycloak.issuer
*/}}
{{- define "crm-lib.envMap" -}}
{{- $g := .Values.global | default dict -}}
{{- $globals := dict
      "KAFKA_BROKERS" (dig "kafka" "brokers" "" $g)
      "OTEL_EXPORTER_OTLP_ENDPOINT" (dig "otel" "endpoint" "" $g)
      "KEYCLOAK_ISSUER" (dig "keycloak" "issuer" "" $g) -}}
{{- $out := dict -}}
{{- range $key, $raw := (.Values.env | default dict) -}}
{{- $value := "" -}}
{{- if not (kindIs "invalid" $raw) -}}
{{- $value = tpl (toString $raw) $ -}}
{{- end -}}
{{- if and (eq $value "") (hasKey $globals $key) -}}
{{- $value = toString (get $globals $key) -}}
{{- end -}}
{{- if ne $value "" -}}
{{- $_ := set $out $key $value -}}
{{- end -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}

{{/* Pod-level securityContext: non-root defaults, merged with .Values.podSecurityContext. */}}
{{- define "crm-lib.podSecurityContext" -}}
{{- $defaults := dict
      "runAsNonRoot" true
      "runAsUser" 1000
      "runAsGroup" 1000
      "fsGroup" 1000
      "seccompProfile" (dict "type" "RuntimeDefault") -}}
{{- toYaml (mergeOverwrite $defaults (.Values.podSecurityContext | default dict)) -}}
{{- end -}}

{{/* Container-level securityContext: read-only root filesystem, no privilege escalation, no capabilities. */}}
{{- define "crm-lib.containerSecurityContext" -}}
{{- $defaults := dict
      "runAsNonRoot" true
      "allowPrivilegeEscalation" false
      "readOnlyRootFilesystem" true
      "privileged" false
      "capabilities" (dict "drop" (list "ALL"))
      "seccompProfile" (dict "type" "RuntimeDefault") -}}
{{- toYaml (mergeOverwrite $defaults (.Values.securityContext | default dict)) -}}
{{- end -}}

{{/* envFrom list shared by the Deployment (the migration Job builds its own, see crm-lib.migrationJob). */}}
{{- define "crm-lib.envFrom" -}}
- configMapRef:
    name: {{ include "crm-lib.fullname" . | quote }}
{{- if .Values.secretEnv.values }}
- secretRef:
    name: {{ include "crm-lib.secretName" . | quote }}
{{- end }}
{{- if .Values.secretEnv.existingSecret }}
- secretRef:
    name: {{ tpl .Values.secretEnv.existingSecret . | quote }}
{{- end }}
{{- end -}}

{{/* Checksums that roll the pods when their configuration changes. */}}
{{- define "crm-lib.configChecksums" -}}
checksum/config: {{ include "crm-lib.envMap" . | sha256sum | quote }}
{{- if .Values.secretEnv.values }}
checksum/secret: {{ toYaml .Values.secretEnv.values | sha256sum | quote }}
{{- end }}
{{- end -}}
