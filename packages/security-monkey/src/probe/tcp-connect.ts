import { connect } from 'node:net';

/** Whether something accepts a TCP connection at `address:port` within `timeoutMs`; nothing is sent. */
export function tcpConnects(
  address: string,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<{ open: boolean; detail: string }> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    const finish = (open: boolean, detail: string) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve({ open, detail });
    };
    const onAbort = () => finish(false, 'stopped');
    const timer = setTimeout(() => finish(false, `no answer within ${timeoutMs} ms`), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish(true, 'connection accepted'));
    socket.once('error', (error) => finish(false, error.message));
  });
}
