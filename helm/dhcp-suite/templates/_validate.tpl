{{/*
Combinations the schema cannot express. Each message names the values to change.
Called from the ConfigMap, which every release renders.
*/}}
{{- define "dhcp-suite.validate" -}}
{{- $v := .Values -}}
{{- $db := $v.leaseDatabase -}}
{{- if not (hasKey $v.config "Dhcp4") -}}
{{- fail "config.Dhcp4 is missing: the chart needs a Kea-format Dhcp4 section" -}}
{{- end -}}
{{- if hasKey $v.config.Dhcp4 "lease-database" -}}
{{- fail "config.Dhcp4.lease-database is set: remove it, the chart writes it from leaseDatabase (type, host, port, name, user)" -}}
{{- end -}}
{{- $dhcp6 := default (dict) (get $v.config "Dhcp6") -}}
{{- if hasKey $dhcp6 "lease-database" -}}
{{- fail "config.Dhcp6.lease-database is set: remove it, the chart writes it from leaseDatabase (the DHCPv6 leases share the DHCPv4 store)" -}}
{{- end -}}
{{- $ca := default (dict) (get $v.config "Control-agent") -}}
{{- if or (hasKey $ca "http-host") (hasKey $ca "http-port") -}}
{{- fail "config.Control-agent.http-host/http-port are set: remove them, the chart binds the gateway on 0.0.0.0:gateway.port" -}}
{{- end -}}
{{- if and $v.gateway.auth.enabled (hasKey $ca "authentication") -}}
{{- fail "config.Control-agent.authentication is set while gateway.auth.enabled=true: remove one (the chart writes authentication from the gateway.auth Secret)" -}}
{{- end -}}
{{- if and $v.gateway.auth.enabled $v.gateway.auth.existingSecret $v.gateway.auth.password -}}
{{- fail "gateway.auth.existingSecret and gateway.auth.password are both set: give the password in one place" -}}
{{- end -}}
{{- if and $v.haService.haListener.enabled (not $v.haService.haListener.clusterIP) -}}
{{- fail "haService.haListener.enabled=true needs haService.haListener.clusterIP: the host of this server's peer url in the HA configuration" -}}
{{- end -}}
{{- if and $v.haService.haListener.enabled (or (gt (int $v.dhcp.replicas) 1) (gt (int (default 1 $v.haService.replicas)) 1)) -}}
{{- fail "haService.haListener.enabled=true needs dhcp.replicas=1 and haService.replicas=1: ha-service drives one dhcp-service with the HA state" -}}
{{- end -}}
{{- $ifc := default (dict) (get $v.config.Dhcp4 "interfaces-config") -}}
{{- if eq (toString (default "udp" (get $ifc "dhcp-socket-type"))) "raw" -}}
{{- fail "config.Dhcp4.interfaces-config.dhcp-socket-type=raw needs NET_RAW, which the chart does not grant: use udp (relays, or hostNetwork mode)" -}}
{{- end -}}
{{- if eq $v.dhcp.mode "relay" -}}
{{- range (default (list) (get $ifc "interfaces")) -}}
{{- if not (or (eq . "*") (eq . "eth0") (hasPrefix "eth0/" .)) -}}
{{- fail (printf "config.Dhcp4.interfaces-config.interfaces has %q, but in dhcp.mode=relay the pod has one interface: use [\"*\"], or set dhcp.mode=hostNetwork to serve node interfaces" .) -}}
{{- end -}}
{{- end -}}
{{- range (default (list) (get (default (dict) (get $dhcp6 "interfaces-config")) "interfaces")) -}}
{{- if not (or (eq . "*") (eq . "eth0") (hasPrefix "eth0/" .)) -}}
{{- fail (printf "config.Dhcp6.interfaces-config.interfaces has %q, but in dhcp.mode=relay the pod has one interface: use [\"eth0\"], or set dhcp.mode=hostNetwork to serve node interfaces" .) -}}
{{- end -}}
{{- end -}}
{{- if eq $v.dhcp.service.type "ClusterIP" -}}
{{- if not $v.dhcp.service.externalIPs -}}
{{- fail "dhcp.service.type=ClusterIP without dhcp.service.externalIPs: relays outside the cluster could not reach DHCP; use LoadBalancer or give externalIPs" -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if eq $db.type "postgresql" -}}
{{- if and $v.postgresql.enabled $db.host -}}
{{- fail "postgresql.enabled=true and leaseDatabase.host are both set: use the in-chart PostgreSQL (leave host empty) or an external one (postgresql.enabled=false)" -}}
{{- end -}}
{{- if and (not $v.postgresql.enabled) (not $db.host) -}}
{{- fail "leaseDatabase.type=postgresql needs a database: set leaseDatabase.host (and existingSecret) for an external PostgreSQL, or postgresql.enabled=true to try the chart out" -}}
{{- end -}}
{{- if and (not $v.postgresql.enabled) (not $db.existingSecret) (not $db.password) -}}
{{- fail "the external PostgreSQL needs a password: set leaseDatabase.existingSecret (preferred) or leaseDatabase.password" -}}
{{- end -}}
{{- if and $db.existingSecret $db.password -}}
{{- fail "leaseDatabase.existingSecret and leaseDatabase.password are both set: give the password in one place" -}}
{{- end -}}
{{- else -}}
{{- if $v.postgresql.enabled -}}
{{- fail "leaseDatabase.type=memfile with postgresql.enabled=true: the in-chart PostgreSQL would be unused; set postgresql.enabled=false" -}}
{{- end -}}
{{- end -}}
{{- if ne (int $v.leaseService.replicas) 1 -}}
{{- fail "leaseService.replicas must be 1: lease-service is the single writer of the lease store and keeps every lease in memory" -}}
{{- end -}}
{{- end -}}
