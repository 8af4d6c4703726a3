// The `calibration` block a calibrated scenario carries (`chainward calibrate`, docs/calibration.md):
// which incident log it was fitted to, over what span and with what prior weight, and what the log
// said about each risk it updated. The engine ignores it when simulating; reports show it.
import './zod-config.js'; // first: before any schema is built
import { z } from 'zod';

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
    findings: z
      .array(z.record(z.string(), z.unknown()))
      .optional()
      .describe('Per risk: the prior and posterior rate, the observed count and whether the log is implausible under the prior'),
  })
  .describe('Provenance of a calibration: written by `chainward calibrate`, shown in reports; the engine does not simulate it');

export type Calibration = z.infer<typeof calibrationSchema>;
