/**
 * One lifecycle for marks, shared by the monkeys that act on what they find only after telling
 * people and waiting: mark -> notify -> grace -> act, or unmark. Its state lives on the resources
 * (`Resource.marks`, under each monkey's own keys), so any process carries on where the last one
 * stopped. Pure where it can be: deciding a unit's phase and building its actions read only their
 * inputs; `announceLifecycleEvents` logs and emits.
 */
export * from './keys.js';
export * from './mark.js';
export * from './params.js';
export * from './decide.js';
export * from './actions.js';
export * from './recheck.js';
export * from './events.js';
