// What each part of the page draws: its view data built from the page state (build-view-data.ts)
// and handed to its view, the side panel with the selection and the what-if, and the figures #app
// carries as data-* for tests and tools. The render loop decides when (render-loop.ts).
import {
  controlEffectivenessData,
  exposureMapData,
  headerData,
  lossExceedanceData,
  mainResults,
  riskMatrixData,
  riskRankingData,
  sidePanelData,
  treatmentsData,
} from '../model/build-view-data.js';
import { mapStressData, stressViewData } from '../model/stress-view-data.js';
import { sidePanel } from '../panel/side-panel.js';
import type { Selection } from '../state/url-state.js';
import type { TargetKind } from '../state/what-if.js';
import { controlEffectiveness } from '../views/control-effectiveness.js';
import { exposureMap } from '../views/exposure-map.js';
import { header } from '../views/header.js';
import { lossExceedance } from '../views/loss-exceedance.js';
import { riskMatrix } from '../views/risk-matrix.js';
import { riskRanking } from '../views/risk-ranking.js';
import { stressChart } from '../views/stress-test.js';
import { treatments } from '../views/treatments.js';
import type { PageElements } from './dom.js';
import { shownOf, type PageState } from './page-state.js';
import type { Part, RenderTarget } from './render-loop.js';
import type { RunHost } from './run-controller.js';

/** What a click in a view or the side panel asks for (the run controller). */
export interface PageActions {
  select(sel: Selection | undefined): void;
  toggleControl(kind: TargetKind, id: string, control: string): void;
  setCarrier(lane: string, carrier: string): void;
  resetWhatIf(): void;
}

/** The page as the render loop draws it. */
export function pageRenderer(page: PageElements, state: PageState, actions: PageActions, host: Pick<RunHost, 'showErrors' | 'hideErrors' | 'appStatus'>): RenderTarget {
  const onRiskClick = (r: { id: string }) => actions.select({ kind: 'risk', id: r.id });
  // the stress overlay on the map (its toggle), and the switch between the ranking and the stress test
  let stressOverlay = false;
  const target: RenderTarget = {
    hasContent: () => shownOf(state) !== undefined,
    clear() {
      // no charts of another file or a partial run
      for (const v of page.viewBoxes) v.replaceChildren();
      page.header.replaceChildren();
      page.side.hidden = true;
    },
    drawPart(part: Part) {
      const s = shownOf(state);
      if (!s) return;
      const sel = state.selection;
      const selectedRisk = sel?.kind === 'risk' ? sel.id : undefined;
      const riskTarget = selectedRisk ? mainResults(s).risks.find((r) => r.id === selectedRisk)?.target : undefined;
      const v = page.views;
      switch (part) {
        case 'header':
          return header(page.header, headerData(s));
        case 'map': {
          const stress = mapStressData(s, stressOverlay, (on) => {
            stressOverlay = on;
            redraw('map');
          });
          return exposureMap(v.map, {
            ...exposureMapData(s, {
              ...(riskTarget ? { highlight: riskTarget } : {}),
              ...(sel && sel.kind !== 'risk' ? { selected: sel.id } : {}),
              onSelect: (id, kind) => actions.select({ kind, id }),
            }),
            ...(stress ? { stress } : {}),
          });
        }
        case 'matrix':
          return riskMatrix(v.matrix, riskMatrixData(s, { ...(selectedRisk ? { selectedRisk } : {}), onRiskClick }));
        case 'ranking':
          return riskRanking(v.ranking, riskRankingData(s, { ...(selectedRisk ? { selectedRisk } : {}), onRiskClick }));
        case 'exceedance':
          return lossExceedance(v.exceedance, lossExceedanceData(s));
        case 'treatments':
          return treatments(v.treatments, treatmentsData(s));
        case 'controls':
          return controlEffectiveness(v.controls, controlEffectivenessData(s));
        case 'stress':
          // drawn while it shows (the switch, a one-column page, print): the stress test runs on first sight
          if (page.panels.find((p) => p.dataset.view === 'stress')!.hidden && v.stress.getClientRects().length === 0) return;
          return stressChart(
            v.stress,
            stressViewData(s, {
              ...(sel && sel.kind !== 'risk' ? { selected: sel.id } : {}),
              onSelect: (id, kind) => actions.select({ kind, id }),
            }),
          );
        case 'side':
          if (!sel) {
            page.side.hidden = true;
            return;
          }
          page.side.hidden = false;
          return sidePanel(
            page.side,
            sidePanelData(s, {
              selection: sel,
              whatIf: state.whatIf,
              canEdit: Boolean(state.scenario),
              onToggleControl: (kind, id, control) => actions.toggleControl(kind, id, control),
              onSetCarrier: (lane, carrier) => actions.setCarrier(lane, carrier),
              onSelect: (next) => actions.select(next),
              onResetWhatIf: () => actions.resetWhatIf(),
            }),
          );
      }
    },
    drawn() {
      const s = shownOf(state);
      if (!s) return;
      const app = page.app;
      app.dataset.eal = String(mainResults(s).baseline.eal);
      app.dataset.baselineEal = String(s.baseline.baseline.eal);
      app.dataset.p99 = String(s.baseline.baseline.p99);
      app.dataset.cvar95 = String(s.baseline.baseline.cvar95);
      app.dataset.treatments = JSON.stringify(s.baseline.treatments.map((t) => ({ id: t.id, delta: t.delta.eal })));
      app.dataset.trials = String(s.baseline.trials);
      app.dataset.seed = String(s.baseline.seed);
    },
    failed(part, e) {
      host.showErrors('These results cannot be shown in full', [{ path: `(${part})`, message: e instanceof Error ? e.message : String(e) }]);
      host.appStatus('error');
    },
    recovered: () => host.hideErrors(),
  };
  /** Draws one part now (a toggle's answer), reporting a failure as the render loop does. */
  const redraw = (part: Part) => {
    if (!target.hasContent()) return;
    try {
      target.drawPart(part);
    } catch (e) {
      target.failed(part, e);
    }
  };
  const showStress = (on: boolean) => {
    page.panels.find((p) => p.dataset.view === 'ranking')!.hidden = on;
    page.panels.find((p) => p.dataset.view === 'stress')!.hidden = !on;
    page.showRanking.setAttribute('aria-pressed', String(!on));
    page.showStress.setAttribute('aria-pressed', String(on));
    redraw(on ? 'stress' : 'ranking');
  };
  page.showRanking.addEventListener('click', () => showStress(false));
  page.showStress.addEventListener('click', () => showStress(true));
  return target;
}
