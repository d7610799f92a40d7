// A Slack-shaped HTTP receiver on loopback for sink tests: records each POST (path and JSON body)
// and answers with the statuses it is told, in turn (the last one repeats).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '@simian/core';

export interface Received {
  path: string;
  body: Record<string, unknown>;
}

export interface Receiver {
  /** `http://127.0.0.1:PORT`. */
  base: string;
  received: Received[];
  answers: number[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const state: Pick<Receiver, 'received' | 'answers'> = { received: [], answers: [200] };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.received.push({
        path: req.url ?? '',
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
      });
      const status = state.answers.length > 1 ? state.answers.shift()! : state.answers[0]!;
      res.writeHead(status).end(status < 300 ? 'ok' : 'busy');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get received() {
      return state.received;
    },
    set received(v) {
      state.received = v;
    },
    get answers() {
      return state.answers;
    },
    set answers(v) {
      state.answers = v;
    },
    // Keep-alive connections from fetch would hold close() open for seconds.
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A logger whose JSON lines the test reads. */
export function capturedLogger(): {
  logger: Logger;
  lines: string[];
  logs(): Array<Record<string, unknown>>;
} {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    format: 'json',
    destination: { write: (l: string) => lines.push(l) } as unknown as NodeJS.WritableStream,
  });
  return { logger, lines, logs: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}
