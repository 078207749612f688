{{/* Names and labels. */}}
{{- define "dhcp-suite.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "dhcp-suite.fullname" -}}
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

{{- define "dhcp-suite.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "dhcp-suite.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: dhcp-suite
{{- end -}}

{{/* Selector labels of one component: (dict "root" $ "component" "lease-service") */}}
{{- define "dhcp-suite.selectorLabels" -}}
app.kubernetes.io/name: {{ include "dhcp-suite.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "dhcp-suite.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "dhcp-suite.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
The five services: values key, name, HTTP port, metrics/health port. The gateway's health and
metrics are on its management port (8090), as dhcpctl starts it.
*/}}
{{- define "dhcp-suite.components" -}}
- {key: dhcpService, name: dhcp-service, port: 8081, mgmt: 8081}
- {key: leaseService, name: lease-service, port: 8082, mgmt: 8082}
- {key: haService, name: ha-service, port: 8083, mgmt: 8083}
- {key: ddnsService, name: ddns-service, port: 8084, mgmt: 8084}
- {key: gateway, name: gateway, port: 8000, mgmt: 8090}
{{- end -}}

{{- define "dhcp-suite.image" -}}
{{- $v := .root.Values.image -}}
{{- $repo := printf "%s/%s" $v.repository .component -}}
{{- if $v.registry }}{{ $repo = printf "%s/%s" $v.registry $repo }}{{ end -}}
{{- printf "%s:%s" $repo (default .root.Chart.AppVersion $v.tag) -}}
{{- end -}}

{{- define "dhcp-suite.dbHost" -}}
{{- if .Values.postgresql.enabled -}}
{{- printf "%s-postgresql" (include "dhcp-suite.fullname" .) -}}
{{- else -}}
{{- .Values.leaseDatabase.host -}}
{{- end -}}
{{- end -}}

{{/* The Secret with the database password, and its key. */}}
{{- define "dhcp-suite.dbSecretName" -}}
{{- default (printf "%s-db" (include "dhcp-suite.fullname" .)) .Values.leaseDatabase.existingSecret -}}
{{- end -}}
{{- define "dhcp-suite.dbSecretKey" -}}
{{- if .Values.leaseDatabase.existingSecret }}{{ .Values.leaseDatabase.passwordKey }}{{ else }}password{{ end -}}
{{- end -}}

{{- define "dhcp-suite.apiSecretName" -}}
{{- default (printf "%s-api" (include "dhcp-suite.fullname" .)) .Values.gateway.auth.existingSecret -}}
{{- end -}}

{{/*
The Kea-format document every service reads: the user's config with the lease-database and the
Control-agent authentication the chart owns.
*/}}
{{- define "dhcp-suite.keaConfig" -}}
{{- $cfg := deepCopy .Values.config -}}
{{- $dhcp4 := $cfg.Dhcp4 -}}
{{- $db := .Values.leaseDatabase -}}
{{- $ldb := dict "type" "memfile" "persist" true -}}
{{- if eq $db.type "postgresql" -}}
{{- $ldb = dict "type" "postgresql" "host" (include "dhcp-suite.dbHost" .) "port" (int $db.port) "name" $db.name "user" $db.user -}}
{{- end -}}
{{- $_ := set $dhcp4 "lease-database" $ldb -}}
{{- /* DHCPv6 leases in the same store: the lease6 table of the same database, or kea-leases6.csv beside the v4 journal. */ -}}
{{- if hasKey $cfg "Dhcp6" -}}
{{- $_ := set $cfg.Dhcp6 "lease-database" (deepCopy $ldb) -}}
{{- end -}}
{{- if .Values.gateway.auth.enabled -}}
{{- $ca := default (dict) (get $cfg "Control-agent") -}}
{{- $client := dict "user-file" "user" "password-file" "password" -}}
{{- $_ := set $ca "authentication" (dict "type" "basic" "realm" .Values.gateway.auth.realm "directory" "/run/secrets/api" "clients" (list $client)) -}}
{{- $_ := set $cfg "Control-agent" $ca -}}
{{- end -}}
{{- toPrettyJson $cfg -}}
{{- end -}}
