export {
  DEFAULT_DAYS,
  DEFAULT_VISITORS_PER_DAY,
  MIN_DAYS,
  generateDemo,
  resolveDemoOptions,
  type DemoBatch,
  type DemoOptions,
} from './generate.js';
export { demoLinks, type DemoLink } from './links.js';
export {
  DEMO_SEED,
  DEMO_SITE_HOST,
  DEMO_TIME_ZONE,
  DEMO_USER_EMAIL,
  DEMO_WORKSPACE,
  seedDemo,
  type SeedDemoOptions,
  type SeedDemoResult,
} from './seed.js';
