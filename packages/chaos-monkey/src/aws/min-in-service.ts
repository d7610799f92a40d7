import { minHealthyOf, type ChaosPlanContext } from '../plan-part.js';

/**
 * Healthy instances a group keeps. An Auto Scaling group (`asgMinSize` given) keeps
 * `aws.minInService`: by default its MinSize, and never fewer than `minHealthy`. A tag group
 * keeps `minHealthy`.
 */
export function minInServiceOf(ctx: ChaosPlanContext, asgMinSize: number | undefined): number {
  if (asgMinSize === undefined) return minHealthyOf(ctx);
  const setting = ctx.config.aws.minInService;
  return setting === 'min-size' ? Math.max(asgMinSize, minHealthyOf(ctx)) : setting;
}
