{{/*
Helpers shared by the templates. Per-service helpers take a dict:
  (dict "root" $ "name" $name "svc" $svc)
where $name is the key under .Values.services and $svc its block.
*/}}

{{- define "fhub.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-wide name, shortened so that "<fullname>-<service>-headless" fits in 63 characters. */}}
{{- define "fhub.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of one service's objects: <fullname>-<service>. */}}
{{- define "fhub.componentName" -}}
{{- printf "%s-%s" (include "fhub.fullname" .root) .name | trunc 52 | trimSuffix "-" }}
{{- end }}

{{- define "fhub.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that select every pod of the release. Takes the root context. */}}
{{- define "fhub.releaseSelectorLabels" -}}
app.kubernetes.io/name: {{ include "fhub.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels that select one service's pods. */}}
{{- define "fhub.selectorLabels" -}}
{{ include "fhub.releaseSelectorLabels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{/* Labels for one service's objects. */}}
{{- define "fhub.labels" -}}
helm.sh/chart: {{ include "fhub.chart" .root }}
{{ include "fhub.selectorLabels" . }}
app.kubernetes.io/part-of: fhub
{{- with .root.Chart.AppVersion }}
app.kubernetes.io/version: {{ . | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/* Labels for the release-wide objects (no component). Takes the root context. */}}
{{- define "fhub.commonLabels" -}}
helm.sh/chart: {{ include "fhub.chart" . }}
{{ include "fhub.releaseSelectorLabels" . }}
app.kubernetes.io/part-of: fhub
{{- with .Chart.AppVersion }}
app.kubernetes.io/version: {{ . | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Image reference. Takes the root context. */}}
{{- define "fhub.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (toString (default .Chart.AppVersion .Values.image.tag)) }}
{{- end }}
{{- end }}

{{/* The container command of one service, as a YAML list. */}}
{{- define "fhub.command" -}}
{{- if .svc.command }}
{{- toYaml .svc.command }}
{{- else }}
{{- toYaml (list (printf "fhub-%s" .name)) }}
{{- end }}
{{- end }}

{{- define "fhub.tokenKeyDir" -}}
/var/run/secrets/fhub
{{- end }}

{{/*
The non-secret settings of one service, as a YAML map of FHUB_* names to
string values: derived ones first, then .Values.env, then the service's env.
*/}}
{{- define "fhub.config" -}}
{{- $root := .root }}
{{- $auth := $root.Values.auth }}
{{- $config := dict }}
{{- $_ := set $config "FHUB_LISTEN" (printf "0.0.0.0:%d" (int .svc.port)) }}
{{- $_ := set $config "FHUB_TOKEN_ISSUER" (required "auth.issuer is required: the issuer (iss) that bearer tokens must carry" $auth.issuer) }}
{{- $_ := set $config "FHUB_TOKEN_AUDIENCE" $auth.audience }}
{{- $_ := set $config "FHUB_TOKEN_ALGORITHMS" $auth.algorithms }}
{{- if $auth.tokenKey.mountAsFile }}
{{- $_ := set $config "FHUB_TOKEN_KEY_FILE" (printf "%s/token-key" (include "fhub.tokenKeyDir" $root)) }}
{{- end }}
{{- $config = mergeOverwrite $config (default (dict) $root.Values.env) (default (dict) .svc.env) }}
{{- range $key, $value := $config }}
{{- if eq $key "FHUB_DATABASE_URL" "FHUB_TOKEN_KEY" }}
{{- fail (printf "%s must not be set in env: it comes from the Secret" $key) }}
{{- end }}
{{- if not (kindIs "invalid" $value) }}
{{ $key }}: {{ toString $value | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/* Secret-backed environment variables of one service, as YAML list items. */}}
{{- define "fhub.secretEnv" -}}
{{- $root := .root -}}
- name: FHUB_DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ .svc.database.secretName | default $root.Values.existingSecret | required (printf "existingSecret (or services.%s.database.secretName) is required: the Secret holding the database connection string" .name) }}
      key: {{ .svc.database.secretKey | required (printf "services.%s.database.secretKey is required" .name) }}
{{- if not $root.Values.auth.tokenKey.mountAsFile }}
- name: FHUB_TOKEN_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "fhub.tokenKeySecretName" $root }}
      key: {{ $root.Values.auth.tokenKey.secretKey | required "auth.tokenKey.secretKey is required" }}
{{- end }}
{{- end }}

{{- define "fhub.tokenKeySecretName" -}}
{{- .Values.auth.tokenKey.secretName | default .Values.existingSecret | required "existingSecret (or auth.tokenKey.secretName) is required: the Secret holding the token key" }}
{{- end }}

{{/* Volumes of a pod running a service binary. Takes the root context. */}}
{{- define "fhub.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: 16Mi
{{- if .Values.auth.tokenKey.mountAsFile }}
- name: token-key
  secret:
    secretName: {{ include "fhub.tokenKeySecretName" . }}
    defaultMode: 0440
    items:
      - key: {{ .Values.auth.tokenKey.secretKey | required "auth.tokenKey.secretKey is required" }}
        path: token-key
{{- end }}
{{- end }}

{{/* Volume mounts matching fhub.volumes. Takes the root context. */}}
{{- define "fhub.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if .Values.auth.tokenKey.mountAsFile }}
- name: token-key
  mountPath: {{ include "fhub.tokenKeyDir" . }}
  readOnly: true
{{- end }}
{{- end }}

{{/* The container security context every fhub container runs with. */}}
{{- define "fhub.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop:
    - ALL
{{- end }}

{{/* Fewest replicas one service runs with. */}}
{{- define "fhub.minReplicas" -}}
{{- if .svc.autoscaling.enabled }}
{{- int .svc.autoscaling.minReplicas }}
{{- else }}
{{- int .svc.replicas }}
{{- end }}
{{- end }}

{{/*
Egress rules every fhub pod needs (DNS, the database, extra rules), as
NetworkPolicyEgressRule items. Takes the root context.
*/}}
{{- define "fhub.baseEgress" -}}
{{- $egress := .Values.networkPolicy.egress -}}
- ports:
    - protocol: UDP
      port: 53
    - protocol: TCP
      port: 53
  {{- with $egress.dns.to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
- ports:
    - protocol: TCP
      port: {{ int $egress.database.port }}
  {{- if or $egress.database.cidrs $egress.database.to }}
  to:
    {{- range $egress.database.cidrs }}
    - ipBlock:
        cidr: {{ . }}
    {{- end }}
    {{- with $egress.database.to }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- end }}
{{- with $egress.extra }}
{{ toYaml . }}
{{- end }}
{{- end }}
