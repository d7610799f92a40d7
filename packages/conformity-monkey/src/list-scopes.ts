// Listing per scope is shared by every monkey that evaluates policies: it lives in @simian/policy.
export { listScopes, type ScopeInventory } from '@simian/policy';
