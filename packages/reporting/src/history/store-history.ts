import type { Finding, FindingScan, Store } from '@simian/core';
import { SimianError } from '@simian/core';
import type { FindingChange, RuleInfo } from '../model/finding.js';
import {
  frameworkControls,
  ScanCounter,
  tallyCounts,
  trendPoint,
  type ScanTally,
  type TrendPoint,
} from './trends.js';

/** Which part of the store's history a report looks at. */
export interface HistoryOptions {
  /** Compare with the state right after this run. @default each monkey's scan before its latest */
  baseline?: string;
  /**
   * A run id or an ISO date or time: trends start there, and without `baseline` the findings are
   * compared with the state just before it.
   */
  since?: string;
  /** The state now (for tests). @default the latest scans */
  until?: Date;
  /** Frameworks whose scores the trend points carry. @default every one */
  framework?: string;
  /** At most this many trend points, the latest. @default 200 */
  maxPoints?: number;
}

/** The findings history a report is built from. */
export interface StoreHistory {
  /** The latest scan of each monkey: the current state. */
  scans: FindingScan[];
  /** Their findings. */
  findings: Finding[];
  /** The id each finding of {@link findings} and {@link resolved} was recorded under. */
  ids: Map<Finding, string>;
  /** What the current findings are compared with, if there is anything to compare with. */
  baseline?: { at: string; runIds: string[] };
  /** New and regressed findings (by id), against the baseline. */
  changes: Map<string, FindingChange>;
  /** Findings of the baseline that are gone now (the monkey looked again and did not find them). */
  resolved: Finding[];
  /** First and last seen per finding id. */
  seen: Map<string, { first: string; last: string }>;
  /** The state after each run in the window, oldest first. */
  points: TrendPoint[];
}

/**
 * Reads the current state (each monkey's latest scan), a baseline and the trend from the store,
 * without touching any target. A monkey that did not plan in a run (not due) leaves its last
 * findings standing; one that planned and found nothing resolved them.
 */
export function historyFromStore(
  store: Store,
  rules: readonly RuleInfo[],
  options: HistoryOptions = {},
): StoreHistory {
  const until = options.until?.toISOString();
  const all = store.findingScans(until ? { until } : {});
  const since = options.since === undefined ? undefined : timeOf(options.since, all, 'since');
  const latest = latestPerMonkey(all);
  const scans = [...latest.values()];
  // The current scans are read in full (the report shows every finding); their tallies are counted
  // from those findings. Past scans are compared and counted by SQLite, not read.
  const tallies = new Map<string, ScanTally>();
  const ids = new Map<Finding, string>();
  const findings: Finding[] = [];
  for (const s of scans) {
    const counted = new ScanCounter();
    for (const { id, finding } of store.scanFindingsWithIds(s.runId, s.monkey)) {
      ids.set(finding, id);
      findings.push(finding);
      counted.add(finding.ruleId, finding.severity, Boolean(finding.waiver));
    }
    tallies.set(scanKey(s), counted.tally());
  }
  const tallyOf = (s: Pick<FindingScan, 'runId' | 'monkey'>): ScanTally => {
    const key = scanKey(s);
    let found = tallies.get(key);
    if (!found) tallies.set(key, (found = tallyCounts(store.scanFindingCounts(s.runId, s.monkey))));
    return found;
  };

  const baselineScans = baselineOf(all, latest, options, since);
  const changes = new Map<string, FindingChange>();
  const resolved: Finding[] = [];
  const seen = store.findingsSeen();
  let baseline: StoreHistory['baseline'];
  if (baselineScans.size > 0) {
    const before = [...baselineScans.values()];
    baseline = {
      at: before.reduce((max, s) => (s.at > max ? s.at : max), before[0]!.at),
      runIds: [...new Set(before.map((s) => s.runId))],
    };
    for (const [monkey, b] of baselineScans) {
      const current = latest.get(monkey);
      if (!current || current.runId === b.runId) continue;
      for (const id of store.findingIdsNotIn(current, b)) {
        const first = seen.get(id)?.first;
        changes.set(id, first !== undefined && first < b.at ? 'regressed' : 'new');
      }
      const gone = store.findingIdsNotIn(b, current);
      if (gone.length > 0) {
        for (const { id, finding } of store.scanFindingsWithIds(b.runId, monkey, new Set(gone))) {
          ids.set(finding, id);
          resolved.push(finding);
        }
      }
    }
  }

  return {
    scans,
    findings,
    ids,
    ...(baseline ? { baseline } : {}),
    changes,
    resolved,
    seen,
    points: trendPoints(tallyOf, all, rules, since, options),
  };
}

/** One scan's key in maps. */
const scanKey = (s: Pick<FindingScan, 'runId' | 'monkey'>): string => `${s.runId}\0${s.monkey}`;

/** The latest scan of each monkey among `scans` (ordered oldest first). */
function latestPerMonkey(scans: readonly FindingScan[]): Map<string, FindingScan> {
  const latest = new Map<string, FindingScan>();
  for (const s of scans) latest.set(s.monkey, s);
  return latest;
}

function baselineOf(
  all: readonly FindingScan[],
  latest: ReadonlyMap<string, FindingScan>,
  options: HistoryOptions,
  since: string | undefined,
): Map<string, FindingScan> {
  if (options.baseline !== undefined) {
    const at = timeOf(options.baseline, all, 'baseline');
    return latestPerMonkey(all.filter((s) => s.at <= at));
  }
  if (since !== undefined) return latestPerMonkey(all.filter((s) => s.at < since));
  const out = new Map<string, FindingScan>();
  for (const [monkey, current] of latest) {
    const previous = all.filter((s) => s.monkey === monkey && s.at < current.at).at(-1);
    if (previous) out.set(monkey, previous);
  }
  return out;
}

/** A run id's time (its scans'), or an ISO date or time as given. */
function timeOf(value: string, scans: readonly FindingScan[], flag: string): string {
  const run = scans.filter((s) => s.runId === value);
  if (run.length > 0) return run.reduce((max, s) => (s.at > max ? s.at : max), run[0]!.at);
  if (
    /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  ) {
    return new Date(value).toISOString();
  }
  throw new SimianError(
    'INPUT_INVALID',
    `--${flag} ${value}: no run with that id has findings in the store, and it is not a date`,
    {
      hint: 'simian history lists the runs; or give a date such as 2026-11-01',
    },
  );
}

function trendPoints(
  tallyOf: (s: FindingScan) => ScanTally,
  all: readonly FindingScan[],
  rules: readonly RuleInfo[],
  since: string | undefined,
  options: HistoryOptions,
): TrendPoint[] {
  const controls = frameworkControls(rules, options.framework);
  const tallies = new Map<string, ScanTally>();
  const points: TrendPoint[] = [];
  // Points are taken after each run; before `since` the scans only set the starting state.
  const byRun = new Map<string, FindingScan[]>();
  for (const s of all) byRun.set(s.runId, [...(byRun.get(s.runId) ?? []), s]);
  const runs = [...byRun.values()].sort((a, b) => (a[0]!.at < b[0]!.at ? -1 : 1));
  const max = options.maxPoints ?? 200;
  const sinceIndex = since === undefined ? 0 : runs.findIndex((r) => r[0]!.at >= since);
  const firstShown = Math.max(runs.length - max, sinceIndex < 0 ? runs.length : sinceIndex, 0);
  // Tallies of runs before the window only matter as each monkey's latest before it.
  const lastBefore = new Map<string, FindingScan>();
  for (const run of runs.slice(0, firstShown)) for (const s of run) lastBefore.set(s.monkey, s);
  for (const s of lastBefore.values()) tallies.set(s.monkey, tallyOf(s));
  for (const run of runs.slice(firstShown)) {
    for (const s of run) tallies.set(s.monkey, tallyOf(s));
    points.push(trendPoint(run[0]!.at, run[0]!.runId, tallies.values(), controls));
  }
  return points;
}
