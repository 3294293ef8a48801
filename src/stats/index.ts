/**
 * stats/: A/B and multivariate test statistics — pure functions, plain data in and out, no I/O
 * (usable in the browser). Imports only core. Every function documents its formula and reference.
 */
export { StatsInputError } from './errors.js';
export {
  estimate,
  sampleVariance,
  type Estimate,
  type MetricData,
  type ProportionData,
  type MeanData,
  type RatioData,
} from './metrics.js';
export { compare, type Comparison, type TestKind } from './compare.js';
export { holm, benjaminiHochberg, bonferroni, adjust, type Correction } from './corrections.js';
export { msprt, DEFAULT_SEQUENTIAL_TUNING, type SequentialResult } from './sequential.js';
export { betaBinomial, normalPosterior, type BayesResult, type BetaPrior } from './bayesian.js';
export { cuped, type CupedData, type CupedResult } from './cuped.js';
export {
  srmTest,
  srmBreakdown,
  SRM_THRESHOLD,
  type SrmResult,
  type SrmSegment,
  type SrmSegmentResult,
} from './srm.js';
export {
  sampleSize,
  reachableMde,
  reachableMdeInDays,
  type Plan,
  type PlanInput,
  type PlanMetric,
  type PlanCorrection,
  type Reachable,
} from './planner.js';
export {
  factorialAnalysis,
  factorialReport,
  type FactorialCell,
  type FactorialResult,
  type Effect,
} from './factorial.js';
export { detectFatigue, type FatigueInput, type FatiguePoint, type FatigueResult } from './fatigue.js';
export { verdict, verdictLanguage, type VerdictInput, type VerdictLanguage } from './verdict.js';
export {
  analyzeExperiment,
  type ExperimentInput,
  type ExperimentResult,
  type MetricInput,
  type MetricResult,
  type VariantMetricResult,
} from './analyze.js';
export {
  experimentFromAggregates,
  experimentReport,
  type AggregateRow,
  type WireMetric,
} from './aggregates.js';
