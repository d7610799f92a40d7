import type { SandboxDown, SandboxSeed, SandboxStatusView, SandboxUp } from '../data/commands.js';
import { Lines } from './columns.js';

/** `simian sandbox up`: how long it took and how to use it. */
export function sandboxUpForPeople(r: SandboxUp): string {
  return new Lines()
    .add(
      `sandbox ${r.reused ? 'already running' : 'started'} in ${(r.durationMs / 1000).toFixed(1)}s`,
    )
    .add(`  export KUBECONFIG=${r.paths.kubeconfig}`)
    .add(`  set -a; . ${r.paths.awsEnv}; set +a`)
    .text();
}

/** `simian sandbox down`. */
export function sandboxDownForPeople(r: SandboxDown): string {
  const out = new Lines().add(
    r.stopped.length ? `stopped: ${r.stopped.join(', ')}` : 'nothing was running',
  );
  if (r.alreadyGone.length) out.add(`already gone: ${r.alreadyGone.join(', ')}`);
  return out.text();
}

/** `simian sandbox status`: one row per component. */
export function sandboxStatusForPeople(s: SandboxStatusView): string {
  return new Lines()
    .table(
      ['component', 'pid', 'running', 'healthy', 'detail'],
      s.components.map((c) => [
        c.name,
        String(c.pid ?? ''),
        String(c.running),
        String(c.healthy),
        c.detail,
      ]),
    )
    .text();
}

/** `simian sandbox seed`. */
export function sandboxSeedForPeople(r: SandboxSeed): string {
  return new Lines()
    .add(`seeded ${r.kubernetes.length} Kubernetes objects${r.aws ? ' and the AWS estate' : ''}`)
    .text();
}
