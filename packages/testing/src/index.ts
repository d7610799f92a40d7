// @simian/testing: the test doubles every package's unit tests share (an in-memory provider, a
// scripted leader lock, a toy HTTP service). Helpers for tests against the real sandbox are in
// `@simian/testing/sandbox`, so a unit test loads no SDK. Tests only: nothing at run time imports
// this package (an eslint fence keeps it so).
export { MemoryProvider, pod, actionOn, deletingMonkey } from './memory-provider.js';
export { ScriptedLock } from './scripted-lock.js';
export { startToyService, type ToyService } from './toy-service.js';
