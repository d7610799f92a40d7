import type { LedgerEntry, RecoveryRecord, RunRecord, RunResult } from '@simian/core';
import type {
  ConfigCheck,
  DoctorReport,
  ExperimentCheck,
  ExperimentRun,
  FaultsCleared,
  FeatureView,
  ProbeView,
  FaultsView,
  MonkeySchedule,
  PermissionsReport,
  SandboxDown,
  SandboxSeed,
  SandboxStatusView,
  SandboxUp,
} from './data/commands.js';
import type { ComplianceReport, ReportContext } from './data/compliance.js';
import type { FindingsReport } from './data/findings.js';
import type { JournalsReport } from './journals/journal-model.js';

/**
 * Every kind of report a command makes, and its data. A reporter says which kinds it renders; a
 * command says which kinds it makes, so the formats it accepts follow from the reporters.
 */
export interface ReportKinds {
  /** `simian plan`: what would happen, after the gate. */
  plan: RunResult;
  /** `simian run`: what happened. */
  run: RunResult;
  /** `simian apply`: what happened to the actions of a plan file. */
  apply: RunResult;
  /** Findings with their rules and the resources looked at (`simian scan`). */
  findings: FindingsReport;
  /** `simian history`: past runs. */
  runs: RunRecord[];
  /** `simian history --run ID` or `--unfinished`: rows of the action ledger. */
  ledger: LedgerEntry[];
  /** `simian history --recoveries`: recovery after each kill. */
  recoveries: RecoveryRecord[];
  /** `simian schedule`. */
  schedule: MonkeySchedule[];
  /** `simian validate`. */
  config: ConfigCheck;
  /** `simian schema`: the JSON Schema of simian.yaml. */
  'config-schema': unknown;
  /** `simian doctor`. */
  doctor: DoctorReport;
  /** `simian rbac`. */
  permissions: PermissionsReport;
  /** `simian experiment validate`. */
  'experiment-check': ExperimentCheck;
  /** `simian experiment run` (machines get the journal itself). */
  'experiment-run': ExperimentRun;
  'sandbox-up': SandboxUp;
  'sandbox-down': SandboxDown;
  'sandbox-status': SandboxStatusView;
  'sandbox-seed': SandboxSeed;
  /** `simian features`. */
  features: FeatureView[];
  /** `simian probe`. */
  probe: ProbeView;
  /** `simian faults list`. */
  faults: FaultsView;
  /** `simian faults clear`. */
  'faults-cleared': FaultsCleared;
  /** `simian report`: findings with their history, scored per framework. */
  compliance: ComplianceReport;
  /** `simian report journals`: experiment journals (Simian's and Chaos Toolkit's). */
  journals: JournalsReport;
}

/** The name of a kind of report. */
export type ReportKind = keyof ReportKinds;

/**
 * What a command hands to the reporters: its data, of one kind, notes for people (such as where a
 * file was written) that only the people's format prints, and what the findings formats need to
 * turn a run's or a scan's findings into the one finding model (rule catalogue, mutes).
 */
export type Report<K extends ReportKind = ReportKind> = {
  [P in K]: { kind: P; data: ReportKinds[P]; notes?: string[]; context?: ReportContext };
}[K];
