export { Collector, type CollectorOptions, type EnvelopeError } from './collector.js';
export type { BatchResult } from './result.js';
export type { ClientContext } from './enrich.js';
export { hashEmail } from './conversions.js';
