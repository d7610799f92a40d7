{{/* The release's name prefix for every object. */}}
{{- define "simian.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 52 | trimSuffix "-" -}}
{{- else if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 52 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 52 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "simian.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- with .Values.labels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The kill-switch ConfigMap's name. */}}
{{- define "simian.killSwitchName" -}}
{{- .Values.killSwitch.name | default (printf "%s-kill-switch" (include "simian.fullname" .)) -}}
{{- end -}}

{{/*
simian.yaml as the pods read it: .Values.config, with the in-cluster kill switch added to every
Kubernetes context that names none (when the chart creates the switch).
*/}}
{{- define "simian.config" -}}
{{- $config := deepCopy .Values.config -}}
{{- if .Values.killSwitch.create -}}
{{- $targets := dig "targets" dict $config -}}
{{- $contexts := list -}}
{{- range (dig "kubernetes" list $targets) -}}
{{- $c := deepCopy . -}}
{{- if not (hasKey $c "killSwitchConfigMap") -}}
{{- $_ := set $c "killSwitchConfigMap" (dict "namespace" $.Release.Namespace "name" (include "simian.killSwitchName" $)) -}}
{{- end -}}
{{- $contexts = append $contexts $c -}}
{{- end -}}
{{- if $contexts -}}
{{- $_ := set $targets "kubernetes" $contexts -}}
{{- $_ := set $config "targets" $targets -}}
{{- end -}}
{{- end -}}
{{- toYaml $config -}}
{{- end -}}

{{/* Pod-level security: non-root, seccomp RuntimeDefault (the restricted Pod Security Standard). */}}
{{- define "simian.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsUser }}
fsGroup: {{ .Values.securityContext.runAsUser }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "simian.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
runAsNonRoot: true
capabilities:
  drop: [ALL]
{{- end -}}

{{/* The Simian container: image, env from existing Secrets, resources, security. */}}
{{- define "simian.container" -}}
image: {{ printf "%s:%s" .Values.image.repository .Values.image.tag | quote }}
imagePullPolicy: {{ .Values.image.pullPolicy }}
env:
  - name: SIMIAN_CONFIG
    value: /etc/simian/simian.yaml
  - name: POD_NAME
    valueFrom:
      fieldRef:
        fieldPath: metadata.name
{{- with .Values.env }}
{{ toYaml . | indent 2 }}
{{- end }}
{{- with .Values.secretEnvFrom }}
envFrom:
{{- range . }}
  - secretRef:
      name: {{ . }}
{{- end }}
{{- end }}
securityContext:
{{ include "simian.containerSecurityContext" . | indent 2 }}
resources:
{{ toYaml .Values.resources | indent 2 }}
{{- end -}}

{{/*
A Role per namespace and a ClusterRole, with their bindings, for one ServiceAccount.
Takes (dict "root" $ "name" NAME "sa" SA "rbac" (dict "cluster" RULES "namespaces" (NS -> RULES))).
*/}}
{{- define "simian.rbac" -}}
{{- $root := .root -}}
{{- if .rbac.cluster }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: {{ .name }}
  labels:
{{ include "simian.labels" $root | indent 4 }}
rules:
{{ toYaml .rbac.cluster }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: {{ .name }}
  labels:
{{ include "simian.labels" $root | indent 4 }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: {{ .name }}
subjects:
  - kind: ServiceAccount
    name: {{ .sa }}
    namespace: {{ $root.Release.Namespace }}
{{- end }}
{{- range $ns, $rules := (.rbac.namespaces | default dict) }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ $.name }}
  namespace: {{ $ns }}
  labels:
{{ include "simian.labels" $root | indent 4 }}
rules:
{{ toYaml $rules }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: {{ $.name }}
  namespace: {{ $ns }}
  labels:
{{ include "simian.labels" $root | indent 4 }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: {{ $.name }}
subjects:
  - kind: ServiceAccount
    name: {{ $.sa }}
    namespace: {{ $root.Release.Namespace }}
{{- end }}
{{- end -}}

{{/* Binds the kill-switch reader Role to one ServiceAccount. */}}
{{- define "simian.killSwitchBinding" -}}
{{- if .root.Values.killSwitch.create }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: {{ .name }}-kill-switch
  namespace: {{ .root.Release.Namespace }}
  labels:
{{ include "simian.labels" .root | indent 4 }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: {{ include "simian.fullname" .root }}-kill-switch-reader
subjects:
  - kind: ServiceAccount
    name: {{ .sa }}
    namespace: {{ .root.Release.Namespace }}
{{- end }}
{{- end -}}

{{/* The pod of one experiment run. Takes (dict "root" $ "exp" ENTRY "full" NAME). */}}
{{- define "simian.experimentPod" -}}
metadata:
  labels:
    app.kubernetes.io/name: {{ .root.Chart.Name }}
    app.kubernetes.io/instance: {{ .root.Release.Name }}
    app.kubernetes.io/component: experiment
    simian.dev/experiment: {{ .exp.name }}
spec:
  serviceAccountName: {{ .full }}
  # An experiment runs once, whatever its outcome (seed 002): never restarted.
  restartPolicy: Never
  securityContext:
{{ include "simian.podSecurityContext" .root | indent 4 }}
  containers:
    - name: simian
      args:
        - experiment
        - run
        - /etc/simian/experiment/experiment.json
        - --journal-path
        - /tmp/journal.json
        - --log-format
        - json
{{- if .exp.rollbackStrategy }}
        - --rollback-strategy
        - {{ .exp.rollbackStrategy }}
{{- end }}
{{- if .exp.dryRun }}
        - --dry-run
{{- end }}
{{ include "simian.container" .root | indent 6 }}
      volumeMounts:
        - { name: config, mountPath: /etc/simian, readOnly: true }
        - { name: experiment, mountPath: /etc/simian/experiment, readOnly: true }
        - { name: store, mountPath: /var/lib/simian }
        - { name: tmp, mountPath: /tmp }
  volumes:
    - name: config
      configMap: { name: {{ include "simian.fullname" .root }}-config }
    - name: experiment
      configMap: { name: {{ .full }} }
    - name: store
      emptyDir: {}
    - name: tmp
      emptyDir: {}
{{- end }}
