// The run controller's view of the page: the status line, the error box, #app's data-status, the
// Cancel button, the toolbar's trials and seed, the URL and the title, on the page's elements.
import { h } from '../panel/h.js';
import type { PageElements } from './dom.js';
import type { AppStatus, Issue, RunHost } from './run-controller.js';

/** Issues the error box lists; the rest are counted. */
const SHOWN_ISSUES = 50;

/** Fills the error box with a title and the issues (path, message), with a button to dismiss it. */
export function showErrors(page: PageElements, title: string, issues: readonly Issue[]): void {
  const box = page.errors;
  const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Dismiss' }, '×');
  close.addEventListener('click', () => (box.hidden = true));
  const list = h('ul', {});
  for (const i of issues.slice(0, SHOWN_ISSUES)) list.append(h('li', {}, h('code', {}, i.path), ` ${i.message}`));
  if (issues.length > SHOWN_ISSUES) list.append(h('li', {}, `… and ${issues.length - SHOWN_ISSUES} more`));
  box.replaceChildren(close, h('strong', {}, title), list);
  box.hidden = false;
}

/** Shows the run's trials and seed in the toolbar (a trial count the list lacks is added to it). */
export function showRunInputs(page: PageElements, trials: number, seed: string): void {
  const select = page.trials;
  if (![...select.options].some((o) => o.value === String(trials))) select.append(h('option', { value: String(trials) }, trials.toLocaleString('en-US')));
  select.value = String(trials);
  page.seed.value = seed;
}

/** The RunHost of the page; `win` gives the URL and history. */
export function pageHost(page: PageElements, win: Window): RunHost {
  return {
    status: (text) => void (page.status.textContent = text),
    showErrors: (title, issues) => showErrors(page, title, issues),
    hideErrors: () => void (page.errors.hidden = true),
    appStatus: (status: AppStatus) => void (page.app.dataset.status = status),
    cancelEnabled: (on) => void (page.cancel.disabled = !on),
    lastRunMs: (ms) => void (page.app.dataset.lastRunMs = String(ms)),
    showRunInputs: (trials, seed) => showRunInputs(page, trials, seed),
    replaceUrl: (query) => win.history.replaceState(null, '', query + win.location.hash),
    title: (text) => void (win.document.title = text),
  };
}
