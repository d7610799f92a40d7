export * from './fault-stamp.js';
export * from './fault-record.js';
export * from './fault-pairs.js';
