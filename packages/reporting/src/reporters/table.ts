import { z } from 'zod';
import { configForPeople, scheduleForPeople } from '../people/config.js';
import { doctorForPeople, permissionsForPeople } from '../people/doctor.js';
import { experimentCheckForPeople, experimentRunForPeople } from '../people/experiment.js';
import { faultsClearedForPeople, faultsForPeople } from '../people/faults.js';
import { featuresForPeople } from '../people/features.js';
import { complianceForPeople } from '../people/compliance.js';
import { findingsForPeople } from '../people/findings.js';
import { probeForPeople } from '../people/probe.js';
import { journalsForPeople } from '../people/journals.js';
import { ledgerForPeople, recoveriesForPeople, runsForPeople } from '../people/history.js';
import { runForPeople } from '../people/run.js';
import {
  sandboxDownForPeople,
  sandboxSeedForPeople,
  sandboxStatusForPeople,
  sandboxUpForPeople,
} from '../people/sandbox.js';
import type { Report } from '../report.js';
import { defineReporter } from '../reporter.js';

/** Appends the report's notes (where a file was written, what to do next) for people. */
const withNotes = (text: string, report: Report) =>
  report.notes?.length ? `${text}${report.notes.join('\n')}\n` : text;

/**
 * `-o table`, the default: plain aligned text for people, the same in a terminal and a CI log.
 * Renders every kind but the JSON Schema, which is for machines.
 */
export const tableReporter = defineReporter({
  name: 'table',
  description: 'plain aligned text for people (the default)',
  options: z.strictObject({}),
  render: {
    plan: (r) => withNotes(runForPeople(r.data, 'plan'), r),
    run: (r) => withNotes(runForPeople(r.data, 'run'), r),
    apply: (r) => withNotes(runForPeople(r.data, 'apply'), r),
    findings: (r) => withNotes(findingsForPeople(r.data), r),
    runs: (r) => withNotes(runsForPeople(r.data), r),
    ledger: (r) => withNotes(ledgerForPeople(r.data), r),
    recoveries: (r) => withNotes(recoveriesForPeople(r.data), r),
    schedule: (r) => withNotes(scheduleForPeople(r.data), r),
    config: (r) => withNotes(configForPeople(r.data), r),
    doctor: (r) => withNotes(doctorForPeople(r.data), r),
    permissions: (r) => withNotes(permissionsForPeople(r.data), r),
    'experiment-check': (r) => withNotes(experimentCheckForPeople(r.data), r),
    'experiment-run': (r) => withNotes(experimentRunForPeople(r.data), r),
    'sandbox-up': (r) => withNotes(sandboxUpForPeople(r.data), r),
    'sandbox-down': (r) => withNotes(sandboxDownForPeople(r.data), r),
    'sandbox-status': (r) => withNotes(sandboxStatusForPeople(r.data), r),
    'sandbox-seed': (r) => withNotes(sandboxSeedForPeople(r.data), r),
    features: (r) => withNotes(featuresForPeople(r.data), r),
    probe: (r) => withNotes(probeForPeople(r.data), r),
    faults: (r) => withNotes(faultsForPeople(r.data), r),
    'faults-cleared': (r) => withNotes(faultsClearedForPeople(r.data), r),
    compliance: (r) => withNotes(complianceForPeople(r.data), r),
    journals: (r) => withNotes(journalsForPeople(r.data), r),
  },
});
