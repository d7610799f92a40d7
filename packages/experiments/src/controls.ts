import type { ConfigIssue } from '@simian/core';
import {
  isActivityRef,
  type Activity,
  type Experiment,
  type HypothesisProbe,
  type MethodItem,
} from './schema.js';

/** The chaostoolkit-addons control that stops a run when a probe goes out of tolerance. */
export const SAFEGUARDS_MODULE = 'chaosaddons.controls.safeguards';

/**
 * Controls that watch or report on a run (traces, logs, notifications, dashboards) and do not
 * change what it does: Simian skips them, as chaoslib skips a control it cannot import, and says
 * so. Simian's journal, ledger and reporters cover what they are for.
 */
const OBSERVING = [
  'chaostracing',
  'chaoshumio',
  'chaosotel',
  'chaosgrafana',
  'chaosslack',
  'chaosreliably',
  'chaosdatadog',
  'chaoshoneycomb',
  'chaosdynatrace',
  'chaosdb',
  'chaosiq',
  'chaoscloud',
  'chaostoolkit.controls',
  'chaoslib.control',
];

const observing = (module: string) =>
  OBSERVING.some((prefix) => module === prefix || module.startsWith(`${prefix}.`));

/** A safeguard probe: chaosaddons runs it before (default), once in the background, or every `frequency` s. */
export type SafeguardProbe = Activity & { frequency?: number; tolerance?: unknown };

/** A safeguard probe and where it is declared. */
export interface Safeguard {
  probe: SafeguardProbe;
  path: string;
}

/** What Simian does with one declared control. */
export interface ControlSummary {
  path: string;
  name: string;
  module?: string;
  handling: 'safeguard' | 'skipped';
  reason: string;
}

/**
 * Every control the experiment declares (experiment, hypothesis and activity level), what Simian
 * does with each, one warning per skipped control, and the safeguard probes to run. Never an
 * error: chaoslib runs an experiment whose controls it cannot load, and so does Simian, saying so.
 */
export function planControls(experiment: Experiment): {
  controls: ControlSummary[];
  warnings: ConfigIssue[];
  safeguards: Safeguard[];
} {
  const controls: ControlSummary[] = [];
  const safeguards: Safeguard[] = [];
  const visit = (list: unknown[] | undefined, path: string, level: string) => {
    (list ?? []).forEach((raw, i) => {
      const c = raw as {
        name?: string;
        ref?: string;
        provider?: { module?: string; arguments?: { probes?: unknown } };
      };
      if (c.ref !== undefined) return; // the declaration it names is listed where it is
      const module = c.provider?.module;
      const name = c.name ?? String(i);
      const at = `${path}.${i}`;
      if (module === SAFEGUARDS_MODULE && level === 'experiment') {
        const probes = c.provider?.arguments?.probes;
        (Array.isArray(probes) ? (probes as SafeguardProbe[]) : []).forEach((probe, j) =>
          safeguards.push({ probe, path: `${at}.provider.arguments.probes.${j}` }),
        );
        controls.push({
          path: at,
          name,
          module,
          handling: 'safeguard',
          reason:
            'run natively: its probes run before the method (or in the background, or every `frequency` s), and one out of tolerance interrupts the run',
        });
        return;
      }
      const reason = !module
        ? 'skipped: it names no Python module'
        : observing(module)
          ? `skipped: ${module} observes the run (tracing, logging, notifications) and does not change it; Simian's journal, ledger and reporters record the run`
          : module === SAFEGUARDS_MODULE
            ? `skipped: Simian runs safeguards declared at the experiment level only (this one is at the ${level} level)`
            : `skipped: Simian runs no Chaos Toolkit control but safeguards (${SAFEGUARDS_MODULE}); if ${module} guards the run, run this experiment with chaos run instead`;
      controls.push({ path: at, name, ...(module ? { module } : {}), handling: 'skipped', reason });
    });
  };
  visit(experiment.controls, 'controls', 'experiment');
  const hypothesis = experiment['steady-state-hypothesis'];
  visit(hypothesis?.controls, 'steady-state-hypothesis.controls', 'hypothesis');
  const activities = (items: Array<MethodItem | HypothesisProbe> | undefined, path: string) =>
    (items ?? []).forEach((item, i) => {
      if (!isActivityRef(item)) visit(item.controls, `${path}.${i}.controls`, 'activity');
    });
  activities(hypothesis?.probes, 'steady-state-hypothesis.probes');
  activities(experiment.method, 'method');
  activities(experiment.rollbacks, 'rollbacks');
  const warnings = controls
    .filter((c) => c.handling === 'skipped')
    .map((c) => ({
      path: c.path,
      message: `control "${c.name}"${c.module ? ` (${c.module})` : ''} is ${c.reason}`,
    }));
  return { controls, warnings, safeguards };
}
