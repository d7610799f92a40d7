/**
 * Every fault is a pair (Chaos Mesh's `ChaosImpl{Apply, Recover}`): `inject-fault` puts it on an
 * object, stamped with its expiry, and `remove-fault` takes it off. A provider implements both for
 * each kind it can carry a fault on, and says so on its verbs (`recoveredBy`); the registry refuses
 * one without the other. What a fault is (a deny NetworkPolicy, a delay in a VirtualService, ...)
 * is the action's `params.fault`, which the provider reads.
 */
export const INJECT_FAULT = 'inject-fault';
export const REMOVE_FAULT = 'remove-fault';

/** The verb that removes what `verb` injected, if `verb` injects a fault. */
export const recoveryVerbOf = (verb: string): string | undefined =>
  verb === INJECT_FAULT ? REMOVE_FAULT : undefined;
