import { ActionFailedError, InterruptedError } from '@simian/core';
import { HttpClientError, httpRequest } from '@simian/experiments';
import type { ExperimentConfiguration } from '@simian/experiments';
import { parseTimeExpression } from '@simian/experiments';

/**
 * What chaostoolkit-prometheus does for each probe: a GET on the Prometheus HTTP API at
 * `configuration.prometheus_base_url` (default http://localhost:9090), with the parameters in the
 * query string; anything but a 200 fails the activity with Prometheus' own error text, and the JSON
 * answer is returned as it came.
 */
export const DEFAULT_PROMETHEUS_URL = 'http://localhost:9090';

export function prometheusBaseUrl(configuration: ExperimentConfiguration): string {
  const base = configuration.prometheus_base_url;
  return typeof base === 'string' && base !== ''
    ? base.replace(/\/+$/, '')
    : DEFAULT_PROMETHEUS_URL;
}

/** A time argument as RFC 3339, or a failure naming the text (as chaostoolkit-prometheus words it). */
export function rfc3339(text: string, now = new Date()): string {
  const when = parseTimeExpression(text, now);
  if (!when) {
    throw new ActionFailedError(`failed to parse '${text}'`, {
      hint: 'write "now", "5 minutes ago", an RFC 3339 date or Unix seconds',
    });
  }
  return when.toISOString();
}

export async function queryPrometheus(
  configuration: ExperimentConfiguration,
  endpoint: 'query' | 'query_range',
  params: Record<string, string>,
  signal: AbortSignal,
): Promise<unknown> {
  const url = new URL(`${prometheusBaseUrl(configuration)}/api/v1/${endpoint}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  let response;
  try {
    response = await httpRequest({
      url: url.toString(),
      headers: { Accept: 'application/json' },
      timeout: [10, 120],
      signal,
    });
  } catch (e) {
    if (e instanceof HttpClientError && e.kind === 'aborted') {
      throw new InterruptedError('the Prometheus query was interrupted');
    }
    throw new ActionFailedError(
      `cannot reach Prometheus at ${url.origin}: ${(e as Error).message}`,
      {
        hint: 'set configuration.prometheus_base_url to the Prometheus server',
        cause: e,
      },
    );
  }
  const text = response.body.toString('utf8');
  const what = endpoint === 'query' ? 'query' : 'query range';
  if (response.status !== 200) {
    throw new ActionFailedError(`Prometheus ${what} ${JSON.stringify(params)} failed: ${text}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ActionFailedError(
      `Prometheus ${what} answered with something that is not JSON: ${text.slice(0, 200)}`,
    );
  }
}
