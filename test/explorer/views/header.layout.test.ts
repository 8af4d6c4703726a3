// The header's scene without a DOM: the run's words, five figures in order with their lines, the EAL's
// interval, the what-if's baselines and change, the appetite badge. The drawn HTML is checked in
// header.test.ts.
import { describe, expect, it } from 'vitest';
import { layoutHeader } from '../../../explorer/views/header.js';
import { headerBase, headerWhatIf } from './fixtures-charts.js';

const line = (scene: ReturnType<typeof layoutHeader>, id: string, cls: string) => scene.figures.find((f) => f.id === id)!.lines.find((l) => l.cls.split(' ')[0] === cls);

describe('layoutHeader', () => {
  it('layoutHeader gives the run, five figures in order and the badge, with no progress when no run is going', () => {
    const scene = layoutHeader(headerBase);
    expect(scene.scenario).toBe('Benelux–France distribution');
    expect(scene.run).toBe('seed 42 · 10,000 trials');
    expect(scene.progress).toBeNull();
    expect(scene.figures.map((f) => f.id)).toEqual(['eal', 'var95', 'p99', 'cvar95', 'serviceLevel']);
    expect(scene.figures[0]!.lines.map((l) => l.cls)).toEqual(['cw-figure-value', 'cw-figure-note', 'cw-figure-split']);
    expect(line(scene, 'eal', 'cw-figure-split')!.rows).toEqual([
      ['direct', '€4.89M'],
      ['interruption', '€1.28M'],
      ['reroute', '€255K'],
    ]);
    expect(line(scene, 'p99', 'cw-figure-note')!.text).toBe('€41.5M–€45.3M (95 %)');
    expect(scene.appetite).toMatchObject({ status: 'breached', icon: '!', text: 'Appetite breached (2)' });
    expect(scene.appetite.lines).toHaveLength(4);
  });

  it('layoutHeader states the EAL margin as half the figures\' 95 % interval and the interval itself', () => {
    const note = line(layoutHeader(headerBase), 'eal', 'cw-figure-note')!;
    expect(note.text).toBe('± €126K (95 %)');
    // the figures' ealCi95 (Z95 = 1.95996… standard errors, as the results carry it), not 1.96 × se
    expect(note.title).toBe('95 % interval of the estimate: €6,293,974 to €6,546,026 (standard error €64,300)');
  });

  it('layoutHeader with a what-if: a baseline under each figure, the EAL change last, the progress', () => {
    const scene = layoutHeader(headerWhatIf);
    expect(scene.figures.map((f) => line(scene, f.id, 'cw-figure-baseline')?.text)).toEqual(['baseline €6.42M', 'baseline €22.9M', 'baseline €43.1M', 'baseline €36.2M', 'baseline 98.7 %']);
    const eal = scene.figures[0]!.lines;
    expect(eal[eal.length - 1]).toMatchObject({ cls: 'cw-figure-delta cw-delta-down', text: '−€1.01M [−€1.08M, −€943K]' });
    expect(scene.progress).toEqual({ value: 0.4, label: 'Simulating: 40 % done', text: '40 %' });
    expect(layoutHeader({ ...headerWhatIf, progress: 1 }).progress).toBeNull();
  });
});
