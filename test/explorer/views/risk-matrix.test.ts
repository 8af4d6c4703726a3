// @vitest-environment jsdom
/// <reference lib="dom" />
import { describe, expect, it, vi } from 'vitest';
import { textWidth } from '../../../explorer/views/parts/text.js';
import { matrixTitle, riskMatrix } from '../../../explorer/views/risk-matrix.js';
import { container, snapshot } from './render.js';
import { makeRisk, matrixFixture, RISKS } from './fixtures-map.js';

const cellG = (el: Element, likelihood: number, impact: number) => el.querySelector<SVGGElement>(`g.cell[data-likelihood="${likelihood}"][data-impact="${impact}"]`)!;
const riskLine = (el: Element, id: string) => el.querySelector<SVGGElement>(`g.line.risk[data-id="${id}"]`)!;
const translate = (g: Element): [number, number] => {
  const m = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(g.getAttribute('transform') ?? '');
  return m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
};

describe('riskMatrix', () => {
  it('riskMatrix draws the 5 × 5 matrix of the fixture risks (snapshot)', async () => {
    const el = container();
    riskMatrix(el, matrixFixture({ selectedRisk: 'sea-theft@la-sea-shekou-rtm' }));
    await expect(snapshot(el)).toMatchFileSnapshot('__snapshots__/risk-matrix.svg.snap');
  });

  it('riskMatrix draws 25 cells, each filled and named by its level, with its count', () => {
    const el = container();
    riskMatrix(el, matrixFixture());
    expect(el.querySelectorAll('g.cell')).toHaveLength(25);
    const c = cellG(el, 5, 4);
    expect(c.querySelector('rect.bg')!.getAttribute('fill')).toBe('#e31a1c');
    expect(c.querySelector('text.level')!.textContent).toBe('CRIT'); // abbreviated: the full word would meet the count in this narrow cell
    const wide = container();
    riskMatrix(wide, matrixFixture({ size: { width: 900, height: 600 } }));
    expect(cellG(wide, 5, 4).querySelector('text.level')!.textContent).toBe('CRITICAL');
    expect(c.querySelector('text.count')!.textContent).toBe('2');
    expect(cellG(el, 1, 1).querySelector('text.level')!.textContent).toBe('LOW');
    expect(cellG(el, 1, 1).querySelector('text.count')!.textContent).toBe('');
    expect(el.querySelectorAll('g.line.risk')).toHaveLength(RISKS.length);
  });

  it('riskMatrix puts a risk with likelihood 4 and impact 2 in the second column, fourth row from the bottom', () => {
    const el = container();
    riskMatrix(el, matrixFixture());
    const line = riskLine(el, 'dc-theft@dc-venlo');
    const cell = line.closest('g.cell')!;
    expect(cell.getAttribute('data-likelihood')).toBe('4');
    expect(cell.getAttribute('data-impact')).toBe('2');
    const [x, y] = translate(cell);
    const [x11, y11] = translate(cellG(el, 1, 1));
    const [x55, y55] = translate(cellG(el, 5, 5));
    const cw = (x55 - x11) / 4;
    const ch = (y11 - y55) / 4;
    expect(x).toBeCloseTo(x11 + cw, 6); // impact 2: second column
    expect(y).toBeCloseTo(y11 - 3 * ch, 6); // likelihood 4: fourth row up
    expect(line.textContent).toMatch(/^Theft fr.*…$/); // clipped to the cell; the full name in aria-label and tooltip
    expect(line.getAttribute('aria-label')).toMatch(/^Theft from DC \(burglary, pilferage\) at dc-venlo: Medium, likelihood 4, impact 2/);
  });

  it('riskMatrix labels its axes with units and the band labels', () => {
    const el = container();
    riskMatrix(el, matrixFixture());
    expect(el.querySelector('text.y-title')!.textContent).toBe('Likelihood — P(at least one event in the horizon)');
    expect(el.querySelector('text.x-title')!.textContent).toBe('Impact — mean loss per event (€)');
    const y = [...el.querySelectorAll('g.y-label')].map((g) => g.textContent);
    expect(y[0]).toBe('Rare< 1 %');
    expect(y[4]).toBe('Almost certain≥ 50 %');
    const x = [...el.querySelectorAll('g.x-label text.name')].map((t) => t.textContent);
    expect(x).toEqual(['Minor', 'Moderate', 'Major', 'Severe', 'Catastrophic']);
  });

  it('riskMatrix marks the cells above the appetite and says so in the legend', () => {
    const el = container();
    riskMatrix(el, matrixFixture({ maxLevel: 'high' }));
    const marked = [...el.querySelectorAll('g.cell')].filter((g) => g.querySelector('rect.appetite')!.getAttribute('stroke') !== 'none');
    expect(marked.map((g) => `${g.getAttribute('data-likelihood')}-${g.getAttribute('data-impact')}`).sort()).toEqual(['4-5', '5-4', '5-5']);
    expect(marked[0]!.querySelector('path.hatch')!.getAttribute('d')).toMatch(/^M/);
    expect(cellG(el, 4, 4).querySelector('path.hatch')!.getAttribute('d')).toBeNull();
    expect(el.querySelector('g.legend')!.textContent).toContain('Outside appetite (above High)');
    for (const l of ['Low', 'Medium', 'High', 'Critical', 'Theft', 'Hijacking', 'Terrorism']) expect(el.querySelector('g.legend')!.textContent).toContain(l);
    riskMatrix(el, matrixFixture({ maxLevel: 'medium' }));
    // likelihood × impact ≥ 10 (high or critical): 10 of the 25 cells
    expect([...el.querySelectorAll('rect.appetite')].filter((r) => r.getAttribute('stroke') !== 'none')).toHaveLength(10);
    riskMatrix(el, { ...matrixFixture(), maxLevel: undefined } as never);
    expect([...el.querySelectorAll('rect.appetite')].filter((r) => r.getAttribute('stroke') !== 'none')).toHaveLength(0);
    expect(el.querySelector('g.legend')!.textContent).not.toContain('Outside appetite');
  });

  it('riskMatrix titles the finding', () => {
    const el = container();
    riskMatrix(el, matrixFixture());
    expect(el.querySelector('text.chart-title')!.textContent).toBe('3 risks are critical (outside appetite), on 1 site and 1 lane');
    expect(matrixTitle([], undefined, 800)).toBe('No risks in the register');
    const lanes = RISKS.filter((r) => r.targetKind === 'lane' && r.level === 'critical');
    expect(matrixTitle(lanes, 'critical', 800)).toBe('2 risks are critical, all on lanes');
    expect(matrixTitle(RISKS.filter((r) => r.id.startsWith('port-closure@port-shekou')), 'high', 800)).toBe('1 risk is critical (outside appetite): Port closure at port-shekou');
    expect(matrixTitle(RISKS, 'medium', 800)).toBe('3 risks are critical (7 outside appetite), on 1 site and 1 lane');
    expect(matrixTitle(RISKS, 'medium', 400)).toBe('3 risks are critical (7 outside appetite)'); // the detail goes first
    expect(matrixTitle(RISKS, 'medium', 200)).toMatch(/^3 risks are critical.*…$/);
  });

  it('riskMatrix marks a borderline risk with "~" after its name, in its tooltip and label, and explains the mark in the legend', () => {
    const el = container();
    riskMatrix(el, matrixFixture({ size: { width: 1300, height: 600 } }));
    const line = riskLine(el, 'truck-hijack@la-road-rtm-venlo');
    expect(line.querySelector('text')!.textContent).toBe('Truck hijacking @ la-road-rtm-venlo ~');
    expect(line.getAttribute('aria-label')).toContain('High (borderline: may change with the seed)');
    // the others carry no mark
    expect([...el.querySelectorAll('g.line.risk text')].filter((t) => t.textContent!.endsWith('~'))).toHaveLength(1);
    expect([...el.querySelectorAll('g.legend text')].map((t) => t.textContent)).toContain('~ borderline: the level may change with the seed');
    line.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, clientX: 40, clientY: 40 }));
    const tip = [...el.querySelectorAll('div.tooltip div')].map((d) => d.textContent);
    expect(tip).toContain('Level: High ~');
    expect(tip).toContain('~ borderline: the level may change with the seed (its impact interval straddles a band edge)');
    // in a narrow cell the name is clipped but the mark stays
    const narrow = container();
    riskMatrix(narrow, matrixFixture());
    expect(riskLine(narrow, 'truck-hijack@la-road-rtm-venlo').querySelector('text')!.textContent).toMatch(/…\s~$/);
    // without borderline risks: no mark, no legend note
    const none = container();
    riskMatrix(none, matrixFixture({ size: { width: 900, height: 600 } }, RISKS.map((r) => ({ ...r, borderline: false }))));
    expect(none.textContent).not.toContain('~');
  });

  it('riskMatrix shortens the borderline note rather than give the legend another row in a small panel', () => {
    const rows = (el: Element) => new Set([...el.querySelectorAll('g.legend g.item')].map((g) => translate(g)[1])).size;
    const size = { width: 390, height: 260 };
    const withMark = container();
    riskMatrix(withMark, matrixFixture({ size }));
    const without = container();
    riskMatrix(without, matrixFixture({ size }, RISKS.map((r) => ({ ...r, borderline: false }))));
    expect(rows(withMark)).toBe(rows(without));
    const note = [...withMark.querySelectorAll('g.legend text')].map((t) => t.textContent!).find((t) => t.startsWith('~'));
    expect(note).toBe('~ level may change with the seed');
  });

  it('riskMatrix keeps the mark in a cell too narrow for a name beside it: the mark alone, within the line', () => {
    const el = container();
    riskMatrix(el, matrixFixture({ size: { width: 390, height: 260 } }, RISKS.map((r) => ({ ...r, borderline: true }))));
    const lines = [...el.querySelectorAll<SVGGElement>('g.line.risk')];
    expect(lines.length).toBeGreaterThan(0);
    for (const g of lines) {
      const t = g.querySelector('text')!.textContent!;
      expect(t.endsWith('~')).toBe(true);
      const width = Number(g.querySelector('rect.hit')!.getAttribute('width'));
      // within the line's room (half a pixel of estimate for the mark alone in the narrowest lines)
      expect(textWidth(t, 10, g.querySelector('text')!.getAttribute('font-weight') === '700')).toBeLessThanOrEqual(width - 14 - 3 + 0.5);
    }
    expect(lines.some((g) => g.querySelector('text')!.textContent === '~')).toBe(true);
  });

  it('matrixTitle says when risks at the worst level are borderline', () => {
    const critical = RISKS.filter((r) => r.level === 'critical');
    const marked = critical.map((r, i) => ({ ...r, borderline: i === 0 }));
    expect(matrixTitle(marked, 'high', 800)).toBe('3 risks are critical (1 borderline ~; outside appetite), on 1 site and 1 lane');
    expect(matrixTitle(marked.slice(0, 1), undefined, 800)).toBe('1 risk is critical (borderline ~): Port closure at port-shekou');
    // a borderline risk below the worst level does not change the title
    expect(matrixTitle(RISKS, 'high', 800)).toBe('3 risks are critical (outside appetite), on 1 site and 1 lane');
  });

  it('riskMatrix calls onRiskClick with the risk on click, Enter and Space', () => {
    const el = container();
    const onRiskClick = vi.fn();
    riskMatrix(el, matrixFixture({ onRiskClick }));
    riskLine(el, 'truck-hijack@la-road-rtm-venlo').querySelector('text')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onRiskClick).toHaveBeenLastCalledWith(RISKS.find((r) => r.id === 'truck-hijack@la-road-rtm-venlo'));
    riskLine(el, 'dc-fire@dc-dortmund').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(onRiskClick).toHaveBeenLastCalledWith(RISKS.find((r) => r.id === 'dc-fire@dc-dortmund'));
    riskLine(el, 'ip-breach@fac-shenzhen').dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    expect(onRiskClick).toHaveBeenLastCalledWith(RISKS.find((r) => r.id === 'ip-breach@fac-shenzhen'));
    expect(onRiskClick).toHaveBeenCalledTimes(3);
    for (const g of el.querySelectorAll('g.line')) {
      expect(g.getAttribute('tabindex')).toBe('0');
      expect(g.getAttribute('aria-label')).toBeTruthy();
    }
  });

  it('riskMatrix shows the selected risk bold and outlined', () => {
    const el = container();
    riskMatrix(el, matrixFixture({ selectedRisk: 'cargo-tampering@port-rotterdam' }));
    const sel = riskLine(el, 'cargo-tampering@port-rotterdam');
    expect(sel.querySelector('text')!.getAttribute('font-weight')).toBe('700');
    expect(sel.querySelector('rect.hit')!.getAttribute('stroke')).toBe('#1b1f24');
    const other = riskLine(el, 'dc-theft@dc-venlo');
    expect(other.querySelector('text')!.getAttribute('font-weight')).toBe('400');
    expect(other.querySelector('rect.hit')!.getAttribute('stroke')).toBe('none');
    other.dispatchEvent(new FocusEvent('focus'));
    expect(other.querySelector('rect.hit')!.getAttribute('stroke')).toBe('#1f6feb');
    other.dispatchEvent(new FocusEvent('blur'));
    expect(other.querySelector('rect.hit')!.getAttribute('stroke')).toBe('none');
  });

  it('riskMatrix shows "+N more" when a cell overflows, keeping the selected risk visible', () => {
    const many = Array.from({ length: 9 }, (_, i) => makeRisk(`t${i}`, `Threat ${i}`, 'theft', `site-${i}`, 'site', 1000 * (i + 1), 3, 3));
    const el = container();
    riskMatrix(el, matrixFixture({ selectedRisk: 't0@site-0' }, many));
    const cell = cellG(el, 3, 3);
    const lines = [...cell.querySelectorAll('g.line')];
    expect(cell.querySelector('text.count')!.textContent).toBe('9');
    const more = cell.querySelector('g.line.more')!;
    const shown = cell.querySelectorAll('g.line.risk').length;
    expect(more.textContent).toBe(`+${9 - shown} more`);
    expect(lines.length).toBe(shown + 1);
    expect(riskLine(el, 't0@site-0')).not.toBeNull(); // the smallest, but selected
    expect(riskLine(el, 't8@site-8')).not.toBeNull(); // the largest first
    more.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(el.querySelector('div.tooltip')!.textContent).toContain(`${9 - shown} more risks in this cell:`);
  });

  it('riskMatrix in a short panel keeps one line per cell with "+N" beside it, and names levels only in the cells', () => {
    const many = Array.from({ length: 5 }, (_, i) => makeRisk(`t${i}`, `Threat ${i}`, 'theft', `site-${i}`, 'site', 1000 * (i + 1), 3, 3));
    const el = container();
    const onRiskClick = vi.fn();
    riskMatrix(el, matrixFixture({ size: { width: 518, height: 288 }, onRiskClick }, many));
    const cell = cellG(el, 3, 3);
    expect(cell.querySelectorAll('g.line.risk')).toHaveLength(1);
    expect(cell.querySelector('g.line.more')!.textContent).toBe('+4');
    expect(translate(cell.querySelector('g.line.more')!)[1]).toBe(translate(cell.querySelector('g.line.risk')!)[1]); // same row
    riskLine(el, 't4@site-4').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onRiskClick).toHaveBeenCalledWith(many[4]);
    const legend = el.querySelector('g.legend')!.textContent!;
    expect(legend).not.toContain('Level:');
    expect(legend).toContain('Outside appetite (above High)');
    expect(el.querySelector('text.y-title')!.textContent).toMatch(/^Likelihood/);
  });

  it('riskMatrix shows exact values in the tooltip on mouseover', () => {
    const el = container();
    riskMatrix(el, matrixFixture());
    riskLine(el, 'port-closure@port-shekou').dispatchEvent(new MouseEvent('mouseover', { bubbles: true, clientX: 40, clientY: 40 }));
    const tip = el.querySelector<HTMLDivElement>('div.tooltip')!;
    expect(tip.style.display).toBe('block');
    expect([...tip.querySelectorAll('div')].map((d) => d.textContent)).toEqual([
      'Port closure (strike, typhoon, congestion)',
      'on port-shekou (site)',
      'Category: Disruption',
      'Level: Critical (outside appetite)',
      'Likelihood 5: Almost certain (≥ 50 %)',
      'Impact 4: Severe (€1M–€10M)',
      'Expected annual loss: €1,003,697',
      'Contribution to CVaR 95 %: €3,211,830',
    ]);
    riskLine(el, 'port-closure@port-shekou').dispatchEvent(new MouseEvent('mouseout', { bubbles: true }));
    expect(tip.style.display).toBe('none');
  });

  it('riskMatrix re-renders in place with keyed joins (no duplicates)', () => {
    const el = container();
    riskMatrix(el, matrixFixture());
    const before = riskLine(el, 'plant-intrusion@fac-shenzhen');
    const moved = RISKS.map((r) => (r.id === 'dc-theft@dc-venlo' ? { ...r, likelihood: 1, impact: 1, level: 'low' as const } : r));
    riskMatrix(el, matrixFixture({}, moved));
    riskMatrix(el, matrixFixture({}, moved));
    expect(el.querySelectorAll('svg.chart')).toHaveLength(1);
    expect(el.querySelectorAll('g.cell')).toHaveLength(25);
    expect(el.querySelectorAll('g.line.risk')).toHaveLength(RISKS.length);
    expect(el.querySelectorAll(`g.line.risk[data-id="dc-theft@dc-venlo"]`)).toHaveLength(1);
    expect(riskLine(el, 'dc-theft@dc-venlo').closest('g.cell')!.getAttribute('data-likelihood')).toBe('1');
    expect(riskLine(el, 'plant-intrusion@fac-shenzhen')).toBe(before);
    expect(el.querySelectorAll('div.tooltip')).toHaveLength(1);
    expect(el.querySelectorAll('g.legend')).toHaveLength(1);
  });

  it('riskMatrix keeps HTML-looking names as text', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const risks = [makeRisk('x', evil, 'breach', evil, 'site', 5000, 4, 2)];
    const el = container();
    riskMatrix(el, matrixFixture({ size: { width: 900, height: 420 } }, risks));
    const line = el.querySelector('g.line.risk')!;
    line.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('div.tooltip')!.textContent).toContain(evil);
    expect(line.textContent).toContain('<img');
    expect(el.querySelector('text.chart-title')!.textContent).toContain('<img');
  });
});
