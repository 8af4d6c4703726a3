// @vitest-environment jsdom
/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import type { RiskBrief } from '../../../explorer/model/view-data.js';
import { riskRanking } from '../../../explorer/views/risk-ranking.js';
import { rankingCascades } from './fixtures-cascades.js';
import { ranking, rankingRisks } from './fixtures-charts.js';
import { container, snapshot } from './render.js';

const names = (el: Element, panel: 'eal' | 'tail'): string[] => [...el.querySelectorAll(`g.rr-panel-${panel} g.row text.name`)].map((t) => t.textContent ?? '');

describe('riskRanking', () => {
  it('riskRanking draws the top 10 by EAL and by tail contribution (snapshot)', async () => {
    const el = container();
    riskRanking(el, ranking);
    expect(el.querySelectorAll('g.rr-panel')).toHaveLength(2);
    expect(el.querySelectorAll('g.rr-panel-eal g.row')).toHaveLength(10);
    expect(el.querySelectorAll('g.rr-panel-tail g.row')).toHaveLength(10);
    expect(el.querySelector('text.chart-title')?.textContent).toBe('Two risks make up half of the worst-5 % loss');
    await expect(snapshot(el)).toMatchFileSnapshot('__snapshots__/risk-ranking.svg.snap');
  });

  it('riskRanking orders each panel by its own measure, labels "threat @ target" and values in money', () => {
    const el = container();
    riskRanking(el, ranking);
    expect(names(el, 'eal').slice(0, 3)).toEqual(['Cargo theft from parked trailer @ rtm-lyo', 'Truck hijacking @ rtm-lyo', 'Warehouse intrusion @ venlo']);
    expect(names(el, 'tail').slice(0, 3)).toEqual(['Cargo theft from parked trailer @ rtm-lyo', 'Truck hijacking @ rtm-lyo', 'Port strike @ antwerp']);
    expect(el.querySelector('g.rr-panel-eal g.row text.value')?.textContent).toBe('€1.48M · 23 %');
    expect(el.querySelector('g.rr-panel-tail g.row text.value')?.textContent).toBe('€9.9M · 27 %');
    // A long label is clipped with an ellipsis in the threat's name, keeping the target; its full text is in the aria-label.
    const long = [...el.querySelectorAll('g.rr-panel-eal g.row')].find((g) => g.getAttribute('aria-label')?.includes('phishing'))!;
    expect(long.querySelector('text.name')?.textContent).toMatch(/^Shipment data breach.*… @ hq$/);
  });

  it('riskRanking gives a borderline risk\'s level with its mark and what it means in the tooltip', () => {
    const el = container();
    const risks = ranking.risks.map((r, i) => ({ ...r, borderline: i === 1 }));
    riskRanking(el, { ...ranking, risks });
    el.querySelectorAll('g.rr-panel-eal g.row')[1]!.dispatchEvent(new FocusEvent('focus'));
    const lines = [...el.querySelectorAll('div.tooltip div')].map((d) => d.textContent);
    expect(lines.slice(0, 3)).toEqual(['Truck hijacking @ rtm-lyo', 'Hijacking · level critical ~', '~ borderline: the level may change with the seed']);
    el.querySelectorAll('g.rr-panel-eal g.row')[0]!.dispatchEvent(new FocusEvent('focus'));
    expect([...el.querySelectorAll('div.tooltip div')].map((d) => d.textContent)[1]).toBe('Theft · level critical');
  });

  it('riskRanking stacks each total by category to 100 % with the shared legend', () => {
    const el = container();
    riskRanking(el, ranking);
    for (const panel of ['eal', 'tail']) {
      const widths = [...el.querySelectorAll(`g.rr-panel-${panel} g.seg rect`)].map((r) => Number(r.getAttribute('width')) + 1);
      expect(widths).toHaveLength(7);
      expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo((520 - 16 - 20) / 2, 6);
    }
    expect([...el.querySelectorAll('g.rr-legend text')].map((t) => t.textContent)).toEqual(['Theft', 'Hijacking', 'Intrusion', 'Tampering', 'Information breach', 'Disruption', 'Terrorism']);
    const first = el.querySelector('g.rr-panel-eal g.seg rect')!;
    expect(first.getAttribute('fill')).toBe('#4e79a7'); // theft, Tableau 10's first colour
  });

  it('riskRanking outlines the selected risk and reports clicks, Enter and Space with the risk', () => {
    const el = container();
    const got: RiskBrief[] = [];
    riskRanking(el, { ...ranking, onRiskClick: (r) => got.push(r) });
    const outlined = [...el.querySelectorAll('rect.bar')].filter((r) => r.getAttribute('stroke'));
    expect(outlined).toHaveLength(2); // once in each panel
    const rows = [...el.querySelectorAll('g.rr-panel-tail g.row')];
    const strike = rows[2]!;
    expect(strike.getAttribute('role')).toBe('button');
    expect(strike.getAttribute('tabindex')).toBe('0');
    strike.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    strike.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    strike.dispatchEvent(new KeyboardEvent('keydown', { key: ' ' }));
    strike.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    expect(got.map((r) => r.id)).toEqual(['disr@antwerp', 'disr@antwerp', 'disr@antwerp']);
    expect(got[0]).toBe(rankingRisks[4]);
  });

  it('riskRanking keeps an HTML-looking threat name as text', () => {
    const el = container();
    riskRanking(el, ranking);
    expect(el.querySelector('img')).toBeNull();
    expect(names(el, 'eal')).toContain('<img src=x onerror=alert(1)> @ lyon');
  });

  it('riskRanking re-renders in place and drops rows that left the data', () => {
    const el = container();
    riskRanking(el, ranking);
    riskRanking(el, { ...ranking, risks: rankingRisks.slice(0, 4), selectedRisk: undefined });
    expect(el.querySelectorAll('svg.chart')).toHaveLength(1);
    expect(el.querySelectorAll('g.rr-panel')).toHaveLength(2);
    expect(el.querySelectorAll('g.rr-panel-eal g.row')).toHaveLength(4);
    expect([...el.querySelectorAll('rect.bar')].filter((r) => r.getAttribute('stroke'))).toHaveLength(0);
    expect(el.querySelectorAll('g.rr-legend g.item')).toHaveLength(3);
    riskRanking(el, { ...ranking, risks: [] });
    expect(el.querySelectorAll('g.rr-panel')).toHaveLength(0);
    expect(el.querySelector('g.rr-empty text')?.textContent).toBe('No risks in this scenario');
  });
});

describe('riskRanking: cascades and common causes', () => {
  it('riskRanking draws a raised risk\'s triggered excess as the dashed end of its EAL bar, its notes, and the legend entry (snapshot)', async () => {
    const el = container();
    riskRanking(el, { ...rankingCascades, size: { width: 720, height: 360 } });
    const excess = [...el.querySelectorAll('rect.excess')];
    expect(excess).toHaveLength(1);
    expect(excess[0]!.closest('g.rr-panel')!.classList.contains('rr-panel-eal')).toBe(true);
    expect(excess[0]!.getAttribute('stroke-dasharray')).toBe('2 1.5');
    const bar = excess[0]!.parentElement!.querySelector('rect.bar')!;
    expect(Number(excess[0]!.getAttribute('x')) + Number(excess[0]!.getAttribute('width'))).toBeCloseTo(Number(bar.getAttribute('width')), 6);
    expect([...el.querySelectorAll('g.rr-panel-eal text.note')].map((t) => t.textContent)).toEqual(['incl. €280K triggered', 'common cause: hits 3 targets at once']);
    expect([...el.querySelectorAll('g.rr-legend text')].map((t) => t.textContent).at(-1)).toBe('triggered by another threat (cascade)');
    await expect(snapshot(el)).toMatchFileSnapshot('__snapshots__/risk-ranking-cascades.svg.snap');
  });

  it('riskRanking puts the cascade in the tooltip, and the raising threats\' names as text', () => {
    const el = container();
    const risks = rankingCascades.risks.map((r) => (r.cascade ? { ...r, cascade: { ...r.cascade, triggeredBy: ['<b>Breach</b>'] } } : r));
    riskRanking(el, { ...rankingCascades, risks, size: { width: 900, height: 360 } });
    const row = [...el.querySelectorAll('g.rr-panel-eal g.row')].find((g) => g.getAttribute('aria-label')?.startsWith('Rank 2: Truck hijacking'))!;
    row.dispatchEvent(new FocusEvent('focus'));
    const lines = [...el.querySelectorAll('div.tooltip div')].map((d) => d.textContent);
    expect(lines.at(-1)).toBe('Triggered by <b>Breach</b>: €280,000 of its expected annual loss (rate × 3 while a window is open)');
    expect(row.querySelector('text.note')!.textContent).toBe('incl. €280K triggered by <b>Breach</b>');
    expect(el.querySelector('b')).toBeNull();
  });

  it('riskRanking draws the same risks again without their cascades: the notes and the dashed ends go', () => {
    const el = container();
    riskRanking(el, rankingCascades);
    expect(el.querySelectorAll('rect.excess, text.note').length).toBeGreaterThan(0);
    riskRanking(el, ranking);
    expect(el.querySelectorAll('rect.excess, text.note')).toHaveLength(0);
    expect(el.querySelector('g.rr-legend g.item:last-child text')!.textContent).toBe('Terrorism');
  });
});
