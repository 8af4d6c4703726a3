// The views' shared parts under their old module path, for callers outside explorer/views (the side
// panel): the parts themselves live in views/parts/ (palette, names, format, text, frame, legend).
export { CATEGORY_COLOURS, LEVEL_COLOURS, LEVEL_TEXT } from './parts/palette.js';
export { BORDERLINE_MARK, BORDERLINE_NOTE, CATEGORIES, CATEGORY_LABELS, ELEMENTS, ELEMENT_LABELS, LEVELS, LEVEL_LABELS, levelLabel } from './parts/names.js';
export { currencySymbol, moneyExact, moneyShort, pct, shownChange, signed } from './parts/format.js';
export { clip, fitText, fitTitle, roughTextWidth, textWidth } from './parts/text.js';
export { chartFrame, emptyMessage, layer, pointerIn, TITLE_HEIGHT, tooltip, viewSize, type FrameOptions, type Layer, type Tooltip } from './parts/frame.js';
