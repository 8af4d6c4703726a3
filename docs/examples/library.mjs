// chainward as a library: validate a scenario, simulate it, analyse the simulation into results, fold
// a treatment in and compare the two runs. From the clone: `node --import tsx docs/examples/library.mjs`;
// from an install of the packed tarball: `node library.mjs` (README.md, "Using chainward as a library").
import { validateScenario, simulate, analyse, compare, applyTreatment } from 'chainward';
import { WorkerPool } from 'chainward/node';
import defaultScenario from 'chainward/scenarios/eu-electronics-inbound.json' with { type: 'json' };

const checked = validateScenario(defaultScenario);
if (!checked.ok) {
  for (const issue of checked.issues) console.error(`${issue.path}: ${issue.message}`);
  process.exit(2);
}
const scenario = checked.scenario;

// in this thread (Node.js, a browser or a web worker alike)
const before = analyse(await simulate(scenario, { trials: 4096, seed: 1, treatments: 'none' }));

// the same scenario with the port contingency plans in place, on two worker threads (Node.js only;
// any number of workers gives the same figures)
const treatment = scenario.treatments.find((t) => t.id === 'tr-port-contingency');
const treated = applyTreatment(scenario, treatment).scenario;
const pool = new WorkerPool(2);
let after;
try {
  after = analyse(await simulate({ ...treated, treatments: [] }, { trials: 4096, seed: 1, workers: 2, runRange: pool.runRange, inFlight: pool.inFlight, sharePlan: pool.share }));
} finally {
  await pool.close();
}

const change = compare(before, after).ealChange;
const m = (x) => `${Math.round(x).toLocaleString('en')} ${scenario.currency}`;
console.log(`EAL before: ${m(before.baseline.eal)}`);
console.log(`EAL after:  ${m(after.baseline.eal)}`);
console.log(`change:     ${m(change.change)} (95 % interval ${m(change.ci95[0])} to ${m(change.ci95[1])}, ${change.interval})`);
console.log(`top risk:   ${before.risks[0].id} (${before.risks[0].level})`);
