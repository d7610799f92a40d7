import { InterruptedError } from '@simian/core';

/** The error an aborted signal stands for: its reason when that is an `InterruptedError`. */
export function interruption(signal: AbortSignal): InterruptedError {
  const reason: unknown = signal.reason;
  if (reason instanceof InterruptedError) return reason;
  const text =
    reason instanceof Error ? reason.message : reason === undefined ? '' : String(reason);
  return new InterruptedError(text ? `interrupted: ${text}` : 'interrupted');
}

/** Waits `seconds`, or throws `InterruptedError` as soon as `signal` aborts. */
export function pause(seconds: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(interruption(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(interruption(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, seconds * 1000);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
