export { buildProgram } from './program.js';
export { FEATURES, loadActivities, loadRegistry, type FeatureEntry } from './registry.js';
export { EXIT } from './exit-codes.js';
