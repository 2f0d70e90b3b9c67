export * from './community.js';
export * from './demo.js';
export { prng } from './random.js';
