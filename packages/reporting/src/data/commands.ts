import type {
  ActionOutcome,
  ConfigIssue,
  FaultRecord,
  Finding,
  Permission,
  ScopeDiagnosis,
} from '@simian/core';

// The data of the commands' reports, as reporters read it. Producers outside core (the sandbox,
// the experiment runner) hand over their own richer objects; these types name only what the
// people's views read, and the json reporter prints the whole object it was given.

/** `simian validate`: a config that loaded. */
export interface ConfigCheck {
  valid: true;
  file: string;
  monkeys: Array<{ monkey: string; enabled: boolean; dryRun: boolean; destructive: boolean }>;
  targets: string[];
  /** Valid, but worth fixing: a schedule that never fires, an enforced rule that is disabled. */
  warnings: string[];
}

/** `simian schedule`: the next fire times of one monkey. */
export interface MonkeySchedule {
  monkey: string;
  cron: string;
  timezone: string;
  /** Chance that a slot fires (mean time between actions); 1 when every slot fires. */
  probability: number;
  slots: Array<{ utc: string; local: string }>;
  /** Why there are no slots, when the schedule cannot fire within a year. */
  warning?: string;
}

/** `simian doctor`: reachability and permissions per provider and scope. */
export interface DoctorReport {
  monkeys: string[];
  healthy: boolean;
  providers: Record<string, ScopeDiagnosis[]>;
}

/** `simian rbac`: the permissions the monkeys need, and the documents that grant them. */
export interface PermissionsReport {
  kubernetes?: {
    permissions: Permission[];
    /** Every permission as one ClusterRole. */
    clusterRole: string;
    /** Where each is granted: a ClusterRole's rules and each namespace's Role rules. */
    plan?: {
      cluster: RbacRuleData[];
      namespaces: Record<string, RbacRuleData[]>;
    };
    /** The ClusterRole and Roles of `plan`, one YAML stream: what people apply. */
    manifest?: string;
  };
  aws?: { permissions: Permission[]; iamPolicy: string };
  /** What could not be derived, for the person granting it. */
  notes?: string[];
}

/** One rule of a Role or ClusterRole. */
export interface RbacRuleData {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}

/** `simian experiment validate`. */
export interface ExperimentCheck {
  file: string;
  errors: ConfigIssue[];
  /** What does not stop the run but a person should know. @default none */
  warnings?: ConfigIssue[];
  activities: Array<{
    section: string;
    name: string;
    type: string;
    provider: string;
    target: string;
    native: boolean;
    /** Runs in the Python bridge, outside Simian's gate. */
    bridge?: boolean;
  }>;
}

/** `simian experiment run`: the journal (Chaos Toolkit's structure) and where it was written. */
export interface ExperimentRun {
  /** The title as written in the file (the journal's has its `${}` filled in). */
  title: string;
  journal: { status: string | null; deviated: boolean };
  journalPath: string;
}

/** `simian sandbox up`. */
export interface SandboxUp {
  reused: boolean;
  durationMs: number;
  paths: { kubeconfig: string; awsEnv: string };
}

/** `simian sandbox down`. */
export interface SandboxDown {
  stopped: string[];
  alreadyGone: string[];
}

/** `simian sandbox status`. */
export interface SandboxStatusView {
  healthy: boolean;
  components: Array<{
    name: string;
    pid?: number;
    running: boolean;
    healthy: boolean;
    detail: string;
  }>;
}

/** `simian sandbox seed`. */
export interface SandboxSeed {
  kubernetes: string[];
  aws?: unknown;
}

/** `simian faults list`: every active fault found on the objects, at a moment. */
export interface FaultsView {
  /** When the list was made (ISO time), so "expires in" reads against it. */
  at: string;
  faults: FaultRecord[];
  /** Scopes whose faults could not be listed: what is there is unknown. */
  unlisted: Array<{ provider: string; scope: string; error: string }>;
}

/** `simian faults clear`: what was removed, what failed, what was named but not found. */
export interface FaultsCleared extends FaultsView {
  runId: string;
  removed: ActionOutcome[];
  /** Refs named on the command line that carry no active fault. */
  missing: string[];
}

/** `simian features`: each package's registration entry and what it contributed. */
export interface FeatureView {
  name: string;
  description: string;
  monkeys: string[];
  providers: string[];
  /** How many experiment activity functions it contributed. */
  activities: number;
}

/** `simian probe`: what each endpoint answered, and what the probes found. */
export interface ProbeView {
  targets: Array<{
    url: string;
    address: string | null;
    reachable: boolean;
    skipped?: string;
    identified?: string;
    tls?: {
      grade: string;
      gradeIgnoringTrust?: string;
      caps: Array<{ reason: string }>;
      protocols: unknown;
      cipher: string | null;
      certificate: unknown;
    };
    /** How many findings this endpoint has. */
    findings: number;
  }>;
  findings: Finding[];
  connections: number;
  durationMs: number;
  stopped?: string;
}
