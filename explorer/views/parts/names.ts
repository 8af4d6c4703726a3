// The words the views put beside colours: level, category and ISO 28000 element labels, and the
// borderline mark with its legend note (the reports' own mark, README: "The explorer").
import { CATEGORIES, ELEMENTS, LEVELS, type Category, type Element as IsoElement, type Level } from '../../../engine/model/schema.js';
import { BORDERLINE_MARK } from '../../../engine/report/sections.js';

export { BORDERLINE_MARK, LEVELS, CATEGORIES, ELEMENTS };

export const LEVEL_LABELS: Record<Level, string> = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };

/** The legend line that explains the mark, wherever a view shows it. */
export const BORDERLINE_NOTE = `${BORDERLINE_MARK} borderline: the level may change with the seed`;

/** A level's label, with the borderline mark when the level may change with the seed: "High ~". */
export function levelLabel(level: Level, borderline = false): string {
  return borderline ? `${LEVEL_LABELS[level]} ${BORDERLINE_MARK}` : LEVEL_LABELS[level];
}

export const CATEGORY_LABELS: Record<Category, string> = {
  theft: 'Theft',
  hijacking: 'Hijacking',
  intrusion: 'Intrusion',
  tampering: 'Tampering',
  breach: 'Information breach',
  disruption: 'Disruption',
  terrorism: 'Terrorism',
};

export const ELEMENT_LABELS: Record<IsoElement, string> = {
  policy: 'Policy',
  risk: 'Risk assessment',
  supplier: 'Supplier security',
  facility: 'Facility security',
  transport: 'Transport security',
  personnel: 'Personnel security',
  information: 'Information security',
  emergency: 'Emergency preparedness',
  monitoring: 'Monitoring',
};
