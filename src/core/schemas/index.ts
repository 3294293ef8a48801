export * from './common.js';
export * from './events.js';
export * from './conversions.js';
export * from './links.js';
