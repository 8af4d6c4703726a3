// The `calibration` block a calibrated scenario carries (`chainward calibrate`, docs/calibration.md):
// which incident log it was fitted to, over what span and with what prior weight, what the log said
// about each risk, and what was written back to each threat. The engine ignores it when simulating.
import './zod-config.js'; // first: before any schema is built
import { z } from 'zod';

const rate = z.number().min(0).describe('Events per year');
const interval = z.tuple([z.number().min(0), z.number().min(0)]);

/** A distribution's median and 90th percentile, as a calibration compares them. */
const quantiles = z.strictObject({
  median: z.number().gt(0).describe('The median'),
  p90: z.number().gt(0).describe('The 90th percentile'),
});

const severityUpdate = z.strictObject({
  observations: z.number().int().min(0).describe('Losses (or downtimes) of the log used: those above zero, of the incidents of the threat'),
  unit: z.enum(['amount', 'fraction', 'days']).describe("What the values are: an amount in the scenario's currency, a fraction of the exposed value, or days"),
  prior: quantiles.describe("The scenario's distribution before the update, as the median and p90 of its lognormal match"),
  posterior: quantiles.describe('The lognormal written back'),
});

export const calibrationFindingSchema = z
  .strictObject({
    risk: z.string().describe('The risk, threat@target'),
    threat: z.string().describe('Its threat id'),
    target: z.string().describe('Its site or lane id'),
    category: z.string().describe('Its threat category'),
    priorRate: rate.describe("The scenario's effective rate of the risk, events per year (controls, carriers and region factors included)"),
    observed: z.number().int().min(0).describe('Incidents of the risk in the log'),
    expected: z.number().min(0).describe('Incidents the scenario expects over the span: priorRate × years'),
    posteriorRate: rate.describe('Posterior mean of the rate, events per year'),
    ci90: interval.describe('90 % credible interval of the rate, events per year'),
    p: z.number().min(0).max(1).describe("Two-sided p-value of the observed count under the prior's negative binomial predictive"),
    flag: z
      .enum(['underestimates', 'overestimates'])
      .optional()
      .describe('Set when p < 0.05: the scenario underestimates (the log has more incidents) or overestimates the risk'),
  })
  .describe('What the log says about one risk');

export const calibrationThreatSchema = z
  .strictObject({
    threat: z.string().describe('The threat id'),
    unit: z.enum(['perYear', 'perShipment']).describe("The unit of the threat's frequency"),
    before: z.number().min(0).describe("The threat's frequency before the calibration"),
    after: z.number().min(0).describe('The frequency written back'),
    observed: z.number().int().min(0).describe('Incidents of the threat in the log, over all its targets'),
    priorRate: rate.describe("The threat's effective rate summed over its targets, events per year"),
    posteriorRate: rate.describe('Posterior mean of that sum, events per year'),
    ci90: interval.describe('90 % credible interval of that sum, events per year'),
    loss: severityUpdate.optional().describe('The loss distribution update, when the log has at least 5 losses of the threat'),
    downtime: severityUpdate.optional().describe('The downtime distribution update, when the log has at least 5 downtimes of the threat'),
    notes: z.array(z.string()).optional().describe('What was not updated and why'),
  })
  .describe('What the calibration wrote back to one threat');

export const calibrationSchema = z
  .strictObject({
    incidents: z.string().describe('The incident log the scenario was calibrated to (its file name, as given)'),
    incidentsSha256: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/, { message: 'expected "sha256:" and 64 hexadecimal digits' })
      .describe("SHA-256 of the incident log's bytes"),
    from: z.string().describe('First day of the span the log covers, YYYY-MM-DD'),
    to: z.string().describe('Last day of the span the log covers, YYYY-MM-DD'),
    years: z.number().gt(0).max(1000).describe('Length of the span in years: the exposure the observed counts are over'),
    weight: z.number().gt(0).max(1000).describe("Weight of the scenario's own figures, in years of evidence"),
    categories: z.array(z.string()).optional().describe('The threat categories the log covers: their risks were calibrated, a risk without incidents as observed 0'),
    findings: z
      .array(calibrationFindingSchema)
      .optional()
      .describe('Per risk of the categories covered: the prior and posterior rate, the observed count and whether the log is implausible under the prior'),
    threats: z.array(calibrationThreatSchema).optional().describe('Per threat of the categories covered: the frequency, loss and downtime written back'),
  })
  .describe('Provenance of a calibration: written by `chainward calibrate`, shown in reports; the engine does not simulate it');

export type Calibration = z.infer<typeof calibrationSchema>;
export type CalibrationFinding = z.infer<typeof calibrationFindingSchema>;
export type CalibrationThreat = z.infer<typeof calibrationThreatSchema>;
