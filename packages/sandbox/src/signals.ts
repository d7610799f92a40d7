const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs `work`; if this process is asked to stop meanwhile, runs `cleanup` first and then lets the
 * signal take its ordinary course. The components run in their own process groups, so a Ctrl-C
 * does not reach them: without this, an interrupted `up` would leave them running.
 * `isAborted` tells `work` to stop starting things.
 */
export async function cleanupOnSignal<T>(
  cleanup: () => Promise<void>,
  work: (isAborted: () => boolean) => Promise<T>,
): Promise<T> {
  let aborted = false;
  const remove = () => signals.forEach((s) => process.removeListener(s, onSignal));
  function onSignal(signal: NodeJS.Signals) {
    aborted = true;
    remove();
    void cleanup().finally(() => process.kill(process.pid, signal));
  }
  signals.forEach((s) => process.once(s, onSignal));
  try {
    return await work(() => aborted);
  } finally {
    remove();
  }
}
