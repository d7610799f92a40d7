/**
 * The tc netem fault, as the shell script an ephemeral container runs inside the pod's network
 * namespace (every container of a pod shares it). The script finds the interface itself (the one
 * of the default route, never an assumed eth0), adds a netem root qdisc with its own handle and a
 * queue limit that holds the expected traffic for the whole delay, waits until the fault's
 * expiry (an absolute time, so a late start does not stretch it), and removes the qdisc on its
 * way out, whatever ends it (the expiry, SIGTERM, an error). So the fault ends even when Simian,
 * the API server connection and the node agent are gone. It needs CAP_NET_ADMIN and nothing else.
 */

/** What netem adds to the pod's egress. */
export interface NetemSpec {
  /** Delay added to every packet leaving the pod, in ms. */
  delayMs: number;
  /** Up to this much more or less, in ms (netem's jitter). */
  jitterMs?: number;
  /** How much each packet's jitter follows the previous one's, 0-100 %. */
  correlationPercent?: number;
  /** Share of packets dropped, 0-100 %. */
  lossPercent?: number;
  /**
   * Packets per second the pod is expected to send at most. netem holds every packet for the
   * delay, and drops what overflows its queue (1000 packets by default): at 10k packets/s and
   * 1.5 s that is 15k packets. The limit is set from this figure.
   */
  expectedPacketsPerSecond: number;
}

/** netem's own queue limit when none is given, in packets. */
export const NETEM_DEFAULT_LIMIT = 1000;
/** The limit covers this many times the packets in flight, for bursts above the expected rate. */
export const NETEM_LIMIT_HEADROOM = 1.5;

/** Exit codes of the script: nothing was changed in each case but 0. */
export const NETEM_EXIT = { done: 0, noInterface: 3, netemRefused: 4 } as const;

/**
 * netem's queue limit for `spec`: the packets in flight at the expected rate over the longest
 * delay (delay plus jitter), with headroom, and never below netem's default.
 */
export function netemLimit(spec: NetemSpec): number {
  const heldSeconds = (spec.delayMs + (spec.jitterMs ?? 0)) / 1000;
  const inFlight = spec.expectedPacketsPerSecond * heldSeconds * NETEM_LIMIT_HEADROOM;
  return Math.max(NETEM_DEFAULT_LIMIT, Math.ceil(inFlight));
}

/** The arguments after `tc qdisc add dev IF root handle H:`. */
export function netemQdiscArgs(spec: NetemSpec): string[] {
  const args = ['netem'];
  if (spec.delayMs > 0 || spec.jitterMs) {
    args.push('delay', `${spec.delayMs}ms`);
    if (spec.jitterMs) {
      args.push(`${spec.jitterMs}ms`);
      if (spec.correlationPercent) args.push(`${spec.correlationPercent}%`);
    }
  }
  if (spec.lossPercent) args.push('loss', `${spec.lossPercent}%`);
  args.push('limit', String(netemLimit(spec)));
  return args;
}

/**
 * The qdisc handle of one fault (hex, `5e01` to `5eff`), derived from its id: the script removes
 * a root qdisc only when it carries this handle, so it never removes someone else's.
 */
export function netemHandle(faultId: string): string {
  let h = 0;
  for (const ch of faultId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return (0x5e01 + (h % 0xff)).toString(16);
}

const safeArg = /^[0-9a-z.%]+$/;

/** Finds the interface: the default route's (IPv4, then IPv6), else the first one up that is not lo. */
const FIND_INTERFACE = [
  `IF=$(ip -o -4 route show default 2>/dev/null | awk '{for (i = 1; i < NF; i++) if ($i == "dev") { print $(i + 1); exit }}')`,
  `[ -n "$IF" ] || IF=$(ip -o -6 route show default 2>/dev/null | awk '{for (i = 1; i < NF; i++) if ($i == "dev") { print $(i + 1); exit }}')`,
  `[ -n "$IF" ] || IF=$(ip -o link show up 2>/dev/null | awk -F': ' '$2 != "lo" { sub(/@.*/, "", $2); print $2; exit }')`,
  `[ -n "$IF" ] || { echo "simian-netem: no network interface but lo; nothing changed" >&2; exit ${NETEM_EXIT.noInterface}; }`,
];

/** `ours`: whether the root qdisc of $IF is the one with our handle; `remove`: takes it off if so. */
const OURS_AND_REMOVE = [
  `ours() { tc qdisc show dev "$IF" 2>/dev/null | grep -q "^qdisc netem $HANDLE: root"; }`,
  `remove() { if ours; then tc qdisc del dev "$IF" root && echo "simian-netem: removed from $IF"; fi; }`,
];

/**
 * The script that injects `spec` until `endEpochSeconds` (the fault's expiry, in seconds since
 * the epoch) and removes it itself. It fails loudly (a message on stderr and a non-zero exit) and
 * changes nothing when it cannot inject: no interface, a kernel without netem, or a root qdisc that
 * is already there (`add`, never `replace`: it does not overwrite another tool's qdisc).
 */
export function netemScript(options: {
  spec: NetemSpec;
  handle: string;
  endEpochSeconds: number;
}): string {
  const args = netemQdiscArgs(options.spec);
  for (const a of [...args, options.handle]) {
    if (!safeArg.test(a)) throw new Error(`netem argument "${a}" is not safe in a shell script`);
  }
  const end = Math.floor(options.endEpochSeconds);
  return [
    'set -u',
    `END=${end}`,
    `HANDLE=${options.handle}`,
    ...FIND_INTERFACE,
    ...OURS_AND_REMOVE,
    `if [ "$(date +%s)" -ge "$END" ]; then echo "simian-netem: the expiry passed before the start; nothing changed"; exit 0; fi`,
    // Whatever ends the script (the expiry, SIGTERM, an error) takes the qdisc out on the way.
    `trap remove EXIT`,
    `trap 'exit 0' TERM INT HUP`,
    `if ! OUT=$(tc qdisc add dev "$IF" root handle "$HANDLE": ${args.join(' ')} 2>&1); then`,
    `  echo "simian-netem: could not add netem to $IF: $OUT" >&2`,
    `  case "$OUT" in *"kind is unknown"*) echo "simian-netem: this kernel has no netem (CONFIG_NET_SCH_NETEM); nothing changed" >&2 ;; esac`,
    `  exit ${NETEM_EXIT.netemRefused}`,
    'fi',
    `echo "simian-netem: ${args.join(' ')} on $IF until $END"`,
    'while [ "$(date +%s)" -lt "$END" ]; do sleep 1; done',
  ].join('\n');
}

/** The script of a clearing container: removes the qdisc with `handle` now, if it is there. */
export function netemClearScript(handle: string): string {
  if (!safeArg.test(handle))
    throw new Error(`netem handle "${handle}" is not safe in a shell script`);
  return [
    'set -u',
    `HANDLE=${handle}`,
    ...FIND_INTERFACE,
    ...OURS_AND_REMOVE,
    'if ours; then remove; else echo "simian-netem: no qdisc $HANDLE on $IF; nothing to remove"; fi',
  ].join('\n');
}

/**
 * The ephemeral container that runs `script`: root (tc needs it) with every capability dropped
 * but NET_ADMIN, not privileged, no privilege escalation; no host namespaces (an ephemeral
 * container cannot have them). Pod Security's baseline and restricted levels refuse NET_ADMIN:
 * such namespaces need another backend.
 */
export function netemEphemeralContainer(name: string, image: string, script: string) {
  return {
    name,
    image,
    imagePullPolicy: 'IfNotPresent',
    command: ['/bin/sh', '-c', script],
    securityContext: {
      privileged: false,
      allowPrivilegeEscalation: false,
      runAsUser: 0,
      runAsNonRoot: false,
      capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] },
    },
    terminationMessagePolicy: 'FallbackToLogsOnError',
  };
}
