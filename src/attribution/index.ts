/** Attribution: conversion paths, eight models side by side, transaction-level credit (pure). */
export * from './types.js';
export { AttributionInputError } from './errors.js';
export { aggregatePaths, touchLabel, type PathDimension } from './aggregate.js';
export {
  buildPaths,
  pathTo,
  checkPathOptions,
  DEFAULT_PATH_OPTIONS,
  type PathOptions,
  type PersonHistory,
} from './prepare.js';
export { firstClickWeights } from './first-click.js';
export { lastClickWeights } from './last-click.js';
export { lastNonDirectWeights } from './last-non-direct.js';
export { linearWeights } from './linear.js';
export { timeDecayWeights, DEFAULT_HALF_LIFE_DAYS } from './time-decay.js';
export { positionBasedWeights, DEFAULT_POSITION_SHARES, type PositionShares } from './position-based.js';
export {
  markov,
  compileMarkov,
  type CompiledMarkov,
  MAX_MARKOV_ORDER,
  type MarkovResult,
  type MarkovTransition,
  type MarkovRemovalEffect,
} from './markov.js';
export {
  shapley,
  compileShapley,
  type CompiledShapley,
  type ShapleyOptions,
  type ShapleyResult,
  type ShapleyCoalition,
  type ShapleyValue,
} from './shapley.js';
export {
  MODELS,
  DATA_DRIVEN_MODELS,
  parseModel,
  parseModels,
  checkParams,
  attributeAggregated,
  attributeConversions,
  conversionWeights,
  labelWeights,
  labelWeightsPerTouch,
  positionWeights,
  type ModelName,
  type ModelParams,
  type ModelResult,
} from './models.js';
export { transactionCredit, type TouchpointCredit } from './transaction.js';
export { bootstrapShares, quantile, type BootstrapOptions, type ShareInterval } from './bootstrap.js';
export { parsePathsFile, PathsFileError, type PathsFileIssue } from './paths-file.js';
export {
  sideBySide,
  topPaths,
  pathLengthDistribution,
  timeToConversionDistribution,
  assistedConversions,
  pathLabels,
  TIME_BUCKETS,
  type SideBySideRow,
  type TopPath,
  type DistributionRow,
  type AssistRow,
} from './reports.js';
export {
  attributePaths,
  type PathsReport,
  type PathsReportChannel,
  type PathsReportModel,
  type PathsReportOptions,
} from './paths-report.js';
