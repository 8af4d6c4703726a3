// The public API of the engine, for use as a library: the isomorphic core only (no Node.js
// imports), so it runs in Node and in a browser or worker alike. Re-exports only; each name is
// documented where it is defined. The pipeline and the folders are described in README.md,
// "How the code is laid out".
import './model/zod-config.js'; // first: before any schema is built

export { ENGINE_VERSION } from './version.js';

// the scenario: its schema and types, validation and warnings
export { scenarioSchema, type Scenario, type Site, type Lane, type Carrier, type Flow, type Threat, type Control, type Treatment, type Dist, type Level } from './model/schema.js';
export { parseScenario, validateScenario, type ValidationIssue, type ValidationResult } from './validate/validate.js';
export { scenarioWarnings, type ScenarioWarning } from './validate/warnings.js';
export { CATALOG } from './catalog/controls.js';
export { generateScenario, type GenerateOptions } from './generate/generate-scenario.js';

// compiling and simulating
export { compilePlan } from './plan/compile-plan.js';
export { applyTreatment } from './plan/apply-treatment.js';
export type { SimulationPlan, CompiledScenario } from './plan/plan.js';
export { trialRanges, shardRanges, RANGE_TRIALS } from './run/ranges.js';
export type { RunOptions, RangeRunner, Progress, RunInfo } from './run/run-options.js';
export { RangeWorker } from './run/range-worker.js';

// the analysis and its results document: simulate, then analyse (or both in one call), then compare runs
export { simulate, analyse, SIMULATE_DEFAULTS, type Simulation, type SimulateOptions } from './analysis/simulation.js';
export { simulateScenario } from './analysis/simulate-scenario.js';
export { compareResults, compareResults as compare, type Comparison, type CompareOptions } from './analysis/compare.js';
export { stressTest, type StressResult, type StressOptions } from './analysis/stress.js';
export { sensitivity } from './analysis/sensitivity.js';
export { optimizeControls, type OptimizeOptions, type OptimizeResult } from './analysis/optimize-controls.js';
export { routeOptions, type RouteOptionsResult } from './analysis/route-options.js';
export type { Results } from './results/schema.js';
export { checkResults } from './results/check-results.js';
export { parseInput } from './results/parse-input.js';

// scenarios from CSV and YAML, and a scenario's network back as CSV (docs/import-export.md)
export { importNetwork, problemLine, type ImportInput, type ImportResult, type ImportProblem, type CsvInput, type BaseInput } from './interchange/import-network.js';
export { scenarioCsv, type CsvFile } from './interchange/scenario-csv.js';
export { parseScenarioText, isYamlName } from './validate/parse-scenario-text.js';

// GeoJSON for GIS tools (docs/geojson.md)
export { resultsGeoJson, type ResultsFeatureCollection, type GeoJsonOptions } from './interchange/geojson.js';

// reports
export { render, FORMATS, type Format } from './report/render.js';
export { tableReport } from './report/table.js';
export { markdownReport } from './report/markdown.js';
export { csvReport } from './report/csv.js';
