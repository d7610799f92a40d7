import { pino, type Logger as PinoLogger } from 'pino';
import { PinoPretty as prettyStream } from 'pino-pretty';
import { redactText } from './redact.js';

export type Logger = PinoLogger;

export interface LoggerOptions {
  /** @default "info" */
  level?: string;
  /** `json` for machines, `pretty` for people, `auto` picks pretty on a terminal. @default "auto" */
  format?: 'json' | 'pretty' | 'auto';
  /** Values to scrub wherever they appear (secrets read from the environment). */
  secrets?: string[];
  /** Where to write. @default stderr, so stdout stays clean for `--output json`. */
  destination?: NodeJS.WritableStream;
}

/** Keys whose values never reach a log line, wherever they sit in an object. */
export const REDACTED_PATHS = [
  '*.password',
  '*.token',
  '*.secret',
  '*.secretAccessKey',
  '*.sessionToken',
  '*.authorization',
  '*.Authorization',
  '*.webhookUrl',
  '*.headers.authorization',
  'config.targets.*[*].token',
];

export function createLogger(options: LoggerOptions = {}): Logger {
  const format =
    options.format === 'auto' || options.format === undefined
      ? process.stderr.isTTY
        ? 'pretty'
        : 'json'
      : options.format;
  const secrets = options.secrets ?? [];
  const base = {
    level: options.level ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  const dest =
    format === 'pretty'
      ? prettyStream({
          destination: options.destination ?? 2,
          colorize: options.destination === undefined && Boolean(process.stderr.isTTY),
          ignore: 'pid,hostname',
          translateTime: 'HH:MM:ss',
          sync: true,
        })
      : (options.destination ?? process.stderr);
  // Secret values taken from ${ENV} may end up inside free text, escaped in a JSON string or as
  // the user-info of a URL in an error message: scrub every line, in each of those forms.
  const stream = { write: (line: string) => dest.write(redactText(line, secrets)) };
  return pino(base, stream as NodeJS.WritableStream);
}

/** A logger that drops everything, for library callers that pass none. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
