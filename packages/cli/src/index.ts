export { buildProgram } from './program.js';
export { defaultRegistry } from './registry.js';
export { EXIT } from './exit-codes.js';
