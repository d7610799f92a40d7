import { z } from 'zod';
import { ActionFailedError, InterruptedError } from '@simian/core';
import { HttpClientError, headerName, httpRequest } from '../http-client.js';
import type { ActivityContext, ActivityProviderType } from '../registry.js';
import { hasValues, substitute } from '../substitute.js';
import { zodIssues } from '../zod-issues.js';

/** A number of seconds that may arrive as a string after `${}` substitution. */
const seconds = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : v),
  z.number().positive(),
);

/**
 * `{type: http}`: one HTTP request, as chaoslib's `run_http_activity` makes it.
 *
 * - `url` (required), `method` (default GET), `headers`, `timeout` (seconds, or `[connect, read]`),
 *   `verify_tls` (default true), `max_retries` (refused connections; default 0).
 * - `arguments`: for GET, the query string; otherwise the body: JSON when the `Content-Type` header
 *   is `application/json`, form-encoded for a mapping, as-is for a string.
 * - Output `{status, headers, body}`; `body` is parsed JSON when the response's Content-Type is
 *   exactly `application/json`, text otherwise.
 * - Only a refused connection or a timeout fails the activity: a 500 is an output like any other,
 *   judged by the tolerance. Simian adds `expected_status` (a status or a list): when set, any other
 *   status fails the activity, which is what a method action usually wants.
 */
export const httpProviderSchema = z.looseObject({
  type: z.literal('http'),
  url: z
    .string()
    .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), {
      message: 'must be an absolute http:// or https:// URL',
    })
    .refine((u) => !doubledScheme(u), {
      message:
        'has its scheme twice (http://http://host): the host would be "http"; write the scheme once, in the configuration value or in the url',
    }),
  method: z.string().min(1).optional(),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  arguments: z.unknown().optional(),
  timeout: z.union([seconds, z.tuple([seconds, seconds])]).optional(),
  verify_tls: z.boolean().optional(),
  max_retries: z.number().int().nonnegative().optional(),
  expected_status: z.union([z.number().int(), z.array(z.number().int())]).optional(),
});
export type HttpProvider = z.output<typeof httpProviderSchema>;

/** `http://http://host`, often a configuration value with a scheme put after one in the url. */
function doubledScheme(url: string): boolean {
  return /^https?:\/\/(https?)(:|\/|$)/i.test(url);
}

export interface HttpOutput {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export const httpProviderType: ActivityProviderType = {
  type: 'http',
  description: 'An HTTP request; output {status, headers, body}.',
  schema: httpProviderSchema,
  target: (provider) => String(provider.url),
  native: () => true,
  check(provider, { configuration, secrets }) {
    return zodIssues(httpProviderSchema, resolve(provider, configuration, secrets));
  },
  run: (provider, context) => runHttp(provider, context),
};

/** chaoslib substitutes these fields, and `arguments` only when there is something to substitute. */
function resolve(
  raw: Record<string, unknown>,
  configuration: ActivityContext['configuration'],
  secrets: ActivityContext['secrets'],
): Record<string, unknown> {
  const fields = ['url', 'headers', 'timeout'] as const;
  const out: Record<string, unknown> = { ...raw };
  for (const f of fields) if (f in raw) out[f] = substitute(raw[f], configuration, secrets);
  if (raw.arguments && hasValues(configuration, secrets)) {
    out.arguments = substitute(raw.arguments, configuration, secrets);
  }
  return out;
}

async function runHttp(
  raw: Record<string, unknown>,
  context: ActivityContext,
): Promise<HttpOutput> {
  const provider = httpProviderSchema.parse(resolve(raw, context.configuration, context.secrets));
  const method = (provider.method ?? 'GET').toUpperCase();
  const headers = Object.fromEntries(
    Object.entries(provider.headers ?? {}).map(([k, v]) => [k, String(v)]),
  );
  const { url, body } = encodeArguments(provider.url, method, headers, provider.arguments);
  let response;
  try {
    response = await httpRequest({
      url,
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
      ...(provider.timeout !== undefined ? { timeout: provider.timeout } : {}),
      verifyTls: provider.verify_tls ?? true,
      maxRetries: provider.max_retries ?? 0,
      signal: context.signal,
    });
  } catch (e) {
    if (!(e instanceof HttpClientError)) throw e;
    if (e.kind === 'aborted')
      throw new InterruptedError(`request to ${provider.url} was interrupted`);
    if (e.kind === 'timeout') {
      throw new ActionFailedError(`activity took too long to complete: ${e.message}`, { cause: e });
    }
    throw new ActionFailedError(`failed to connect to ${provider.url}: ${e.message}`, { cause: e });
  }
  const output: HttpOutput = {
    status: response.status,
    headers: response.headers,
    body: decodeBody(response.headers, response.body),
  };
  const expected = provider.expected_status;
  if (expected !== undefined) {
    const allowed = Array.isArray(expected) ? expected : [expected];
    if (!allowed.includes(output.status)) {
      throw new ActionFailedError(
        `${method} ${provider.url} answered ${output.status}, but expected_status is ${allowed.join(' or ')}`,
      );
    }
  } else if (!context.activity.hasTolerance && output.status > 399) {
    context.logger.warn(
      { activity: context.activity.name, status: output.status },
      'this HTTP call answered with a status above 399; that may not be what you expected',
    );
  }
  return output;
}

/** Query string for GET, body otherwise, as `requests` encodes `params=` / `json=` / `data=`. */
function encodeArguments(
  url: string,
  method: string,
  headers: Record<string, string>,
  args: unknown,
): { url: string; body?: string } {
  if (args === undefined || args === null || args === '') return { url };
  if (method === 'GET') {
    const target = new URL(url);
    if (typeof args === 'string') {
      target.search = target.search ? `${target.search}&${args}` : args;
    } else {
      for (const [k, v] of pairs(args)) target.searchParams.append(k, v);
    }
    return { url: target.toString() };
  }
  const contentType = headerName(headers, 'content-type');
  if (contentType && headers[contentType] === 'application/json') {
    return { url, body: JSON.stringify(args) };
  }
  if (typeof args === 'string') return { url, body: args };
  if (!contentType) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  return { url, body: new URLSearchParams(pairs(args)).toString() };
}

/** A mapping (list values repeat the key, null values are dropped) or a list of pairs. */
function pairs(args: unknown): Array<[string, string]> {
  const entries: Array<[string, unknown]> = Array.isArray(args)
    ? (args.filter((p) => Array.isArray(p) && p.length === 2) as Array<[string, unknown]>)
    : Object.entries(args as Record<string, unknown>);
  return entries.flatMap(([k, v]) =>
    (Array.isArray(v) ? v : [v])
      .filter((x) => x !== null && x !== undefined)
      .map((x): [string, string] => [k, typeof x === 'object' ? JSON.stringify(x) : String(x)]),
  );
}

function decodeBody(headers: Record<string, string>, body: Buffer): unknown {
  const name = headerName(headers, 'content-type');
  const text = body.toString('utf8');
  if (name && headers[name] === 'application/json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw new ActionFailedError(
        `the response says application/json but is not JSON: ${(e as Error).message}`,
      );
    }
  }
  return text;
}
