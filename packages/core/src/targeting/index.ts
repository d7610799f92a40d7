export * from './opt-in.js';
export * from './mtbf.js';
