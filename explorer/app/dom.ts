// The page's elements, looked up once by id (explorer/index.html) and typed: the one place that
// queries the document. Everything else in app/ is handed these elements.

/** The views' containers by part name (the `view-…` ids). */
export interface ViewElements {
  map: HTMLElement;
  matrix: HTMLElement;
  ranking: HTMLElement;
  /** The stress test: shares the ranking's place on the page, one or the other shown (the panel switch). */
  stress: HTMLElement;
  exceedance: HTMLElement;
  treatments: HTMLElement;
  controls: HTMLElement;
}

export interface PageElements {
  /** Carries the page's state for tests and tools: data-status, data-eal, data-trials… */
  app: HTMLElement;
  status: HTMLElement;
  errors: HTMLElement;
  header: HTMLElement;
  side: HTMLElement;
  drop: HTMLElement;
  trials: HTMLSelectElement;
  seed: HTMLInputElement;
  run: HTMLButtonElement;
  cancel: HTMLButtonElement;
  load: HTMLButtonElement;
  file: HTMLInputElement;
  exportJson: HTMLButtonElement;
  exportCsv: HTMLButtonElement;
  present: HTMLButtonElement;
  /** The panel switch between the risk ranking and the stress test. */
  showRanking: HTMLButtonElement;
  showStress: HTMLButtonElement;
  views: ViewElements;
  /** Every `.view` box, in page order (what a resize redraws). */
  viewBoxes: HTMLElement[];
  /** The chart panels (`section.panel`, each with its data-view name), in page order: presentation steps through them. */
  panels: HTMLElement[];
}

/** Finds the element with `id`, of the given class; a missing or different element is a page error that names the id. */
function byId<T extends HTMLElement>(doc: Document, id: string, type: { new (): T; prototype: T }): T {
  const e = doc.getElementById(id);
  if (!(e instanceof type)) throw new Error(`explorer page: #${id} is ${e ? `a <${e.tagName.toLowerCase()}>` : 'missing'}, expected a ${type.name}`);
  return e;
}

/** The page's elements (explorer/index.html). */
export function pageElements(doc: Document): PageElements {
  const win = doc.defaultView;
  if (!win) throw new Error('explorer page: the document has no window');
  const el = (id: string) => byId(doc, id, win.HTMLElement);
  const button = (id: string) => byId(doc, id, win.HTMLButtonElement);
  const input = (id: string) => byId(doc, id, win.HTMLInputElement);
  return {
    app: el('app'),
    status: el('status'),
    errors: el('errors'),
    header: el('header'),
    side: el('side'),
    drop: el('drop'),
    trials: byId(doc, 'trials', win.HTMLSelectElement),
    seed: input('seed'),
    run: button('run'),
    cancel: button('cancel'),
    load: button('load'),
    file: input('file'),
    exportJson: button('export-json'),
    exportCsv: button('export-csv'),
    present: button('present'),
    showRanking: button('show-ranking'),
    showStress: button('show-stress'),
    views: {
      map: el('view-map'),
      matrix: el('view-matrix'),
      ranking: el('view-ranking'),
      stress: el('view-stress'),
      exceedance: el('view-exceedance'),
      treatments: el('view-treatments'),
      controls: el('view-controls'),
    },
    viewBoxes: [...doc.querySelectorAll<HTMLElement>('.view')],
    panels: [...doc.querySelectorAll<HTMLElement>('section.panel')],
  };
}
