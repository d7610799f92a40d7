export * from './limits.js';
export * from './read-input.js';
export * from './depth.js';
export * from './yaml-value.js';
