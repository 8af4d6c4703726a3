// The words the views and the side panel put on cascades (a risk raised while another threat's windows
// are open) and common causes (one event hitting many targets): the reports' words
// (engine/report/sections.ts), so a risk reads the same on the page and in the Markdown report.
import { factorText, jointText, orList } from '../../../engine/report/sections.js';
import { num } from '../../../engine/text/format.js';
import type { PanelCascade, RiskCascade } from '../../model/view-data.js';

export { factorText, jointText, orList };

/** "incl. €120K triggered by Data breach at the forwarder" (`by`: false drops the names). */
export function triggeredText(c: RiskCascade, money: (x: number) => string, by = true): string {
  return by && c.triggeredBy.length ? `incl. ${money(c.excessEal)} triggered by ${orList(c.triggeredBy)}` : `incl. ${money(c.excessEal)} triggered`;
}

/** A tooltip's line: "Triggered by X: €120,000 of its expected annual loss (rate × 3 while a window is open)". */
export function triggeredTip(c: RiskCascade, exact: (x: number) => string): string {
  const by = c.triggeredBy.length ? orList(c.triggeredBy) : 'another threat';
  return `Triggered by ${by}: ${exact(c.excessEal)} of its expected annual loss (rate ${factorText(c.factor)} while a window is open)`;
}

/** "common cause: hits 3 targets at once". */
export function jointLabel(targets: number): string {
  return `common cause: ${jointText(targets)}`;
}

/** "30 days", "1 day", "0.5 days". */
export function daysText(days: number): string {
  return `${num(days)} ${days === 1 ? 'day' : 'days'}`;
}

/** A trigger as the side panel lists it: "Data breach → Hijacking × 3 for 30 days (the 2 lanes leaving this site)". */
export function triggerText(c: PanelCascade): string {
  return `${c.trigger} → ${c.raised} ${factorText(c.factor)} for ${daysText(c.days)} (${c.where})`;
}
