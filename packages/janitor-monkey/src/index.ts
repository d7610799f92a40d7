/**
 * @simian/janitor-monkey: finds unused Kubernetes and AWS resources, marks them and tells their
 * owners, waits, and cleans them up (a reversible step first where one exists); kube-janitor's
 * annotations and rules files work as they do in kube-janitor.
 */
export { janitorMonkeyFeature } from './feature.js';
export { janitorMonkey } from './monkey.js';
export { JANITOR_MONKEY_NAME } from './name.js';
export { JANITOR_MARKS, SOURCE_VOLUME_TAG } from './marks.js';
export {
  janitorConfigSchema,
  DEFAULT_MANAGED_TAGS,
  type JanitorConfig,
  type Waiver,
} from './config.js';
export { JANITOR_RULES, janitorRule } from './rules/index.js';
export type { JanitorRule, Judgement, RuleBaseConfig, RuleClock } from './rules/rule.js';
export { planJanitor, type JanitorPlanContext } from './plan-janitor.js';
export { recheckJanitor } from './recheck.js';
export { applyJanitor } from './apply-janitor.js';
export { janitorEvents } from './events.js';
export { removalPlan, removalVerbs, type RemovalPlan } from './removal.js';
export { PRICE_TABLE, pricesFor, type RegionPrices } from './cost/prices.js';
export { estimateMonthlyCost, type CostEstimate } from './cost/estimate.js';
export { parseTtl, parseExpiry, TTL_KEY, EXPIRES_KEY } from './kube-janitor/ttl.js';
export { loadKubeJanitorRules, type KubeJanitorRule } from './kube-janitor/rules-file.js';
