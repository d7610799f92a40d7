export { buildProgram, COMMANDS } from './program.js';
export { runCli } from './cli.js';
export { FEATURES, loadActivities, loadRegistry, type FeatureEntry } from './registry.js';
export { EXIT } from './exit-codes.js';
