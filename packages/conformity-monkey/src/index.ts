/**
 * @simian/conformity-monkey: Rego rules over the live estate, findings by stack, and teardown of
 * stacks that break enforced rules (mark, notify, grace period, then scale to zero or delete).
 */
export { conformityMonkeyFeature } from './feature.js';
export { conformityMonkey } from './monkey.js';
export { CONFORMITY_MONKEY_NAME } from './name.js';
export {
  conformityConfigSchema,
  stackKeySchema,
  TEARDOWN_MODES,
  DEFAULT_KUBERNETES_KINDS,
  DEFAULT_AWS_KINDS,
  DEFAULT_LIST_AS,
  DEFAULT_KUBERNETES_STACK_KEYS,
  DEFAULT_AWS_STACK_TAGS,
  type ConformityConfig,
  type StackKey,
  type TeardownMode,
} from './config.js';
export { planConformity, type ConformityPlanContext } from './plan-conformity.js';
export { recheckConformity } from './recheck.js';
export { applyConformity } from './apply-conformity.js';
export {
  groupByStack,
  stackResolver,
  isStackMember,
  type Stack,
  type StackGroup,
  type StacksConfig,
} from './stacks.js';
export {
  decideStack,
  type StackDecision,
  type StackFacts,
  type StackPhase,
} from './decide-stack.js';
export { validateEnforcedRules, type EnforcedRules } from './enforce.js';
export { kindsToList, providerOfRule, type ProviderKinds } from './inventory-kinds.js';
export { teardownPlan, type TeardownPlan, type TeardownStep } from './teardown.js';
export {
  CONFORMITY_MARKS,
  VIOLATION_KEY,
  MARKED_AT_KEY,
  DELETE_AFTER_KEY,
  MARK_KEYS,
  readMark,
  markValues,
  type Mark,
} from './marks.js';
export { stackActions, type StackActionContext } from './stack-actions.js';
export { stackEvents } from './stack-events.js';
