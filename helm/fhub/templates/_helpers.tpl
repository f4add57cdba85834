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

{{/*
Identity providers (identity.trustedIssuers): the trust file of
common/auth/trust.h, mounted at fhub.trustDir/trust.json in every service's
and the gateway's pod (FHUB_TRUST_FILE). A console client's secret
(console.clientSecret, a Secret reference) is mounted next to the gateway's
copy as client-secret-<id>, named by "client_secret_file"; the services'
copy leaves client_secret_file out (they load the file too and would fail
on a secret they are not given).
*/}}
{{- define "fhub.trustDir" -}}
/etc/fhub/trust
{{- end }}

{{- define "fhub.trustConfigMapName" -}}
{{- printf "%s-trust" (include "fhub.fullname" .) }}
{{- end }}

{{/* The file name of one issuer's console client secret, next to trust.json. Takes the issuer's id. */}}
{{- define "fhub.clientSecretFile" -}}
{{- printf "client-secret-%s" . }}
{{- end }}

{{/*
The trust file as JSON, checked against common/auth/trust.h first so that
mistakes fail the render rather than the pods' start-up. Takes
(dict "root" $ "gateway" true|false); "" when no issuer is configured.
*/}}
{{- define "fhub.trustFile" -}}
{{- $root := .root }}
{{- $identity := default (dict) $root.Values.identity }}
{{- $issuers := default (list) $identity.trustedIssuers }}
{{- if $issuers }}
{{- $allowed := list "id" "issuer" "discovery_url" "jwks_url" "audience" "organisation" "organisation_claim" "organisations" "subject_claim" "roles_claim" "roles" "algorithms" "console" }}
{{- $consoleAllowed := list "display_name" "client_id" "scopes" "resource" "clientSecret" }}
{{- $roles := list "LEAD_ADMIN" "COMMISSIONER" "STRATEGIC_LEAD" "EVALUATOR" "PROVIDER_USER" "AUDITOR" }}
{{- $ids := list }}
{{- $out := list }}
{{- range $i, $item := $issuers }}
{{- if not (kindIs "map" $item) }}
{{- fail (printf "identity.trustedIssuers[%d] must be a map (id, issuer, audience, ...)" $i) }}
{{- end }}
{{- $id := toString (default "" (get $item "id")) }}
{{- if not (regexMatch "^[a-z0-9-]{1,63}$" $id) }}
{{- fail (printf "identity.trustedIssuers[%d].id must be 1 to 63 of a-z, 0-9 and - (got %q)" $i $id) }}
{{- end }}
{{- $at := printf "identity.trustedIssuers[%d] (%s)" $i $id }}
{{- if has $id $ids }}
{{- fail (printf "%s: id %s is used twice" $at $id) }}
{{- end }}
{{- $ids = append $ids $id }}
{{- range $key, $_ := $item }}
{{- if eq $key "client_secret_file" "clientSecret" }}
{{- fail (printf "%s: a console client secret goes in console.clientSecret {secretName, secretKey}, a Secret the chart mounts" $at) }}
{{- else if not (has $key $allowed) }}
{{- fail (printf "%s: unknown key %s; the keys are those of the trust file (common/auth/trust.h): %s" $at $key (join ", " $allowed)) }}
{{- end }}
{{- end }}
{{- range $key := list "issuer" "audience" }}
{{- if not (get $item $key) }}
{{- fail (printf "%s: %s is required" $at $key) }}
{{- end }}
{{- end }}
{{- if eq (empty (get $item "organisation")) (empty (get $item "organisation_claim")) }}
{{- fail (printf "%s: give organisation (every token speaks for it) or organisation_claim with organisations (the ones it may name)" $at) }}
{{- end }}
{{- if and (get $item "organisation_claim") (not (get $item "organisations")) }}
{{- fail (printf "%s: organisations must list what organisation_claim may name, e.g. [\"providers/*\"]" $at) }}
{{- end }}
{{- $itemRoles := get $item "roles" }}
{{- if not (and (kindIs "map" $itemRoles) $itemRoles) }}
{{- fail (printf "%s: roles must map values of the %s claim to hub roles, e.g. {\"FHub.Commissioner\": COMMISSIONER}" $at (default "roles" (get $item "roles_claim"))) }}
{{- end }}
{{- range $value, $role := $itemRoles }}
{{- if eq (toString $role) "SERVICE" "HUB_ADMIN" }}
{{- fail (printf "%s: roles: %s comes only from the hub's own issuer, never from a member's identity provider" $at $role) }}
{{- else if not (has (toString $role) $roles) }}
{{- fail (printf "%s: roles: %q maps to %q, not one of %s" $at $value (toString $role) (join ", " $roles)) }}
{{- end }}
{{- end }}
{{- $entry := dict }}
{{- range $key, $value := omit $item "console" }}
{{- if not (or (kindIs "invalid" $value) (eq (toString $value) "")) }}
{{- $_ := set $entry $key $value }}
{{- end }}
{{- end }}
{{- with get $item "console" }}
{{- $given := . }}
{{- if not (kindIs "map" .) }}
{{- fail (printf "%s: console must be a map (display_name, client_id, ...)" $at) }}
{{- end }}
{{- range $key, $_ := . }}
{{- if eq $key "client_secret_file" }}
{{- fail (printf "%s: a console client secret goes in console.clientSecret {secretName, secretKey}, a Secret the chart mounts" $at) }}
{{- else if not (has $key $consoleAllowed) }}
{{- fail (printf "%s: console: unknown key %s; the keys are %s" $at $key (join ", " $consoleAllowed)) }}
{{- end }}
{{- end }}
{{- range $key := list "display_name" "client_id" }}
{{- if not (get $given $key) }}
{{- fail (printf "%s: console.%s is required" $at $key) }}
{{- end }}
{{- end }}
{{- $console := dict }}
{{- range $key, $value := omit . "clientSecret" }}
{{- if not (or (kindIs "invalid" $value) (eq (toString $value) "")) }}
{{- $_ := set $console $key $value }}
{{- end }}
{{- end }}
{{- with get . "clientSecret" }}
{{- if not (kindIs "map" .) }}
{{- fail (printf "%s: console.clientSecret must be {secretName, secretKey}" $at) }}
{{- end }}
{{- $_ := include "fhub.clientSecretRef" (dict "root" $root "at" $at "ref" .) }}
{{- if $.gateway }}
{{- $_ := set $console "client_secret_file" (include "fhub.clientSecretFile" $id) }}
{{- end }}
{{- end }}
{{- $_ := set $entry "console" $console }}
{{- end }}
{{- $out = append $out $entry }}
{{- end }}
{{- toPrettyJson (dict "issuers" $out) }}
{{- end }}
{{- end }}

{{/* One console client secret's Secret name and key, "name/key" (checked). Takes (dict "root" $ "at" where "ref" clientSecret). */}}
{{- define "fhub.clientSecretRef" -}}
{{- $name := get .ref "secretName" | default .root.Values.existingSecret | required (printf "%s: console.clientSecret.secretName (or existingSecret) is required: the Secret holding the console client's secret" .at) }}
{{- $key := get .ref "secretKey" | required (printf "%s: console.clientSecret.secretKey is required: the key holding the console client's secret" .at) }}
{{- printf "%s/%s" $name $key }}
{{- end }}

{{/* Whether any trusted issuer signs people in to the console: "true" or "". Takes the root context. */}}
{{- define "fhub.hasConsole" -}}
{{- range (default (dict) .Values.identity).trustedIssuers }}
{{- if and (kindIs "map" .) (get . "console") }}true{{ end }}
{{- end }}
{{- end }}

{{/*
Egress to the identity providers (discovery documents, JWKS, and for the
gateway their token endpoints) over HTTPS, as a NetworkPolicyEgressRule
item; "" without trusted issuers. Takes the root context.
*/}}
{{- define "fhub.identityEgress" -}}
{{- $identity := default (dict) .Values.identity }}
{{- if $identity.trustedIssuers -}}
- ports:
    - protocol: TCP
      port: 443
  {{- with (default (dict) $identity.egress).to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
{{- end }}

{{/* Egress of the referrals pods to registered webhook endpoints. */}}
{{- define "fhub.webhookEgress" -}}
{{- $egress := default (dict) (default (dict) .Values.webhooks).egress }}
{{- with $egress.ports -}}
- ports:
    {{- range . }}
    - protocol: TCP
      port: {{ int . }}
    {{- end }}
  {{- with $egress.to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
{{- end }}

{{/* The metrics port, its env and the scrape annotations, for a pod spec. */}}
{{- define "fhub.metricsAnnotations" -}}
{{- if .Values.metrics.enabled }}
prometheus.io/scrape: "true"
prometheus.io/port: {{ int .Values.metrics.port | quote }}
prometheus.io/path: /metrics
{{- end }}
{{- end }}

{{- define "fhub.metricsPort" -}}
{{- if .Values.metrics.enabled }}
- name: metrics
  containerPort: {{ int .Values.metrics.port }}
  protocol: TCP
{{- end }}
{{- end }}

{{- define "fhub.metricsEnv" -}}
{{- if .Values.metrics.enabled }}
- name: FHUB_METRICS_LISTEN
  value: {{ printf "0.0.0.0:%d" (int .Values.metrics.port) | quote }}
{{- end }}
{{- end }}

{{/* A NetworkPolicy ingress rule admitting the scraper to the metrics port. */}}
{{- define "fhub.metricsIngress" -}}
{{- if .Values.metrics.enabled }}
- ports:
    - protocol: TCP
      port: {{ int .Values.metrics.port }}
  {{- with .Values.metrics.from }}
  from:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
{{- end }}
