import type { z } from 'zod';

interface ZodDefLike {
  type: string;
  shape?: Record<string, { _zod: { def: ZodDefLike } }>;
  innerType?: { _zod: { def: ZodDefLike } };
  defaultValue?: unknown;
  options?: Array<{ _zod: { def: ZodDefLike } }>;
}

/**
 * A verb's parameters in one line, from its schema: `name` required, `name?` optional,
 * `name (= value)` with its default. A union of shapes is written `a | b`.
 */
export function paramsSummary(schema: z.ZodType | undefined): string {
  if (!schema) return '';
  return summarize((schema as unknown as { _zod: { def: ZodDefLike } })._zod.def) || 'none';
}

function summarize(def: ZodDefLike): string {
  if (def.type === 'union' && def.options) {
    return def.options.map((o) => summarize(o._zod.def)).join(' | ');
  }
  if (def.type !== 'object' || !def.shape) return '';
  return Object.entries(def.shape)
    .map(([key, value]) => {
      const d = value._zod.def;
      if (d.type === 'default') {
        const v =
          typeof d.defaultValue === 'function'
            ? (d.defaultValue as () => unknown)()
            : d.defaultValue;
        return `\`${key}\` (= \`${JSON.stringify(v)}\`)`;
      }
      return d.type === 'optional' ? `\`${key}?\`` : `\`${key}\``;
    })
    .join(', ');
}
