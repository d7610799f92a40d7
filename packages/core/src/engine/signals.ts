import { InterruptedError } from '../errors.js';

/**
 * An abort signal that SIGINT and SIGTERM trip, so a run stops between actions and rolls back its
 * reversible faults. A second signal exits at once (code 130), for a person who means it.
 */
export function abortOnSignals(parent?: AbortSignal): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onParent = () => controller.abort(parent?.reason);
  parent?.addEventListener('abort', onParent, { once: true });
  let seen = 0;
  const handler = (sig: NodeJS.Signals) => {
    seen++;
    if (seen > 1) process.exit(130);
    controller.abort(
      new InterruptedError(`received ${sig}`, {
        hint: 'send it again to exit without rolling back',
      }),
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
      parent?.removeEventListener('abort', onParent);
    },
  };
}
