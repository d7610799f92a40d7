import { z } from 'zod';

/** A list given as a list or as a comma-separated string, as chaostoolkit-kubernetes takes it. */
export const listArgument = z.union([z.string(), z.array(z.string())]).nullish();
/** Labels given as a map or as `k=v,k2=v2`, as chaostoolkit-kubernetes takes them. */
export const labelsArgument = z.union([z.string(), z.record(z.string(), z.string())]).nullish();

export function asList(value: string | string[] | null | undefined): string[] | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value;
}

export function asLabels(
  value: string | Record<string, string> | null | undefined,
): Record<string, string> | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value !== 'string') return value;
  return Object.fromEntries(
    value.split(',').map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    }),
  );
}
