import type { GateRule } from '../rule.js';
import { blastRadiusRule } from './blast-radius.js';
import { faultExpiryRule } from './fault-expiry.js';
import { inventoryCompleteRule } from './inventory-complete.js';
import { killSwitchRule } from './kill-switch.js';
import { minHealthyRule } from './min-healthy.js';
import { minIntervalRule } from './min-interval.js';
import { optInRule, optOutRule } from './opt-in-out.js';
import { protectedRule } from './protected.js';
import { scopeRule } from './scope.js';
import { windowRule } from './window.js';

/** The gate's rules, in the order they judge. A new rule is one file and one line here. */
export const GATE_RULES: readonly GateRule[] = [
  killSwitchRule,
  inventoryCompleteRule,
  scopeRule,
  protectedRule,
  optOutRule,
  optInRule,
  windowRule,
  faultExpiryRule,
  minIntervalRule,
  minHealthyRule,
  blastRadiusRule,
];
