import type { Resource } from '@simian/core';
import type { LatencyConfig } from '../config.js';
import { PROBE_URL_ANNOTATION } from '../name.js';

/**
 * What to probe for `service`: its `latency.simian.dev/probe-url` annotation, else
 * `measure.url`, else the Service itself by its cluster DNS name: http:// when its first TCP port
 * is named http or speaks http, tcp:// otherwise. `{name}`, `{namespace}` and `{port}` are filled
 * in. Undefined when there is nothing to probe (no TCP port, no URL).
 */
export function probeTargetOf(service: Resource, config: LatencyConfig): string | undefined {
  const port = service.views?.service?.ports.find((p) => p.protocol === 'TCP');
  const fill = (template: string) =>
    template
      .replaceAll('{name}', service.name)
      .replaceAll('{namespace}', service.namespace ?? 'default')
      .replaceAll('{port}', String(port?.port ?? ''));
  const given = service.annotations?.[PROBE_URL_ANNOTATION] ?? config.measure.url;
  if (given) return fill(given);
  if (!port) return undefined;
  const host = `${service.name}.${service.namespace}.svc`;
  const http = /^https?$/.test(port.appProtocol ?? '') || /^https?(-|$)/.test(port.name ?? '');
  return http ? `http://${host}:${port.port}/` : `tcp://${host}:${port.port}`;
}
