import { niceTicks, renderChartSvg } from './svgCharts';

describe('niceTicks', () => {
  it('covers the maximum with round steps', () => {
    expect(niceTicks(1234.5)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(10)).toEqual([0, 5, 10]);
    expect(niceTicks(0.37)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it('reaches below zero for negative values', () => {
    expect(niceTicks(10, 4, -3)).toEqual([-5, 0, 5, 10]);
    expect(niceTicks(0, 4, -40)).toEqual([-40, -30, -20, -10, 0]);
  });
});

describe('renderChartSvg', () => {
  it('draws lines, thresholds and escaped labels inside the plot', () => {
    const svg = renderChartSvg({
      title: 'CPU <used> & more',
      unit: '%',
      kind: 'line',
      series: [
        {
          name: 'CPU',
          points: [
            { t: Date.UTC(2026, 10, 1), v: 2 },
            { t: Date.UTC(2026, 10, 8), v: 12 },
          ],
        },
      ],
      thresholds: [{ label: 'idle', value: 10 }],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(
      true,
    );
    expect(svg).toContain('CPU &lt;used&gt; &amp; more (%)');
    expect(svg).toContain('<polyline');
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('>idle 10<');
    // Every y coordinate of the line is within the plot (top 28, bottom 166).
    const ys = svg
      .match(/points="([^"]+)"/)![1]
      .split(' ')
      .map(p => Number(p.split(',')[1]));
    ys.forEach(y => {
      expect(y).toBeGreaterThanOrEqual(28);
      expect(y).toBeLessThanOrEqual(166);
    });
    expect(svg).not.toMatch(/<script/);
  });

  it('draws bars over categories', () => {
    const svg = renderChartSvg({
      title: 'Nodes',
      unit: '%',
      kind: 'bar',
      categories: ['n0', 'n1'],
      series: [
        {
          name: 'CPU',
          points: [
            { t: 0, v: 40 },
            { t: 1, v: 90 },
          ],
        },
      ],
    });
    expect(svg.match(/<rect /g)).toHaveLength(2);
    expect(svg).toContain('>n1<');
  });

  it('draws negative bars below the zero line', () => {
    const svg = renderChartSvg({
      title: 'Saved',
      unit: 'USD',
      kind: 'bar',
      categories: ['w1', 'w2'],
      series: [
        {
          name: 'saved',
          points: [
            { t: 0, v: 30 },
            { t: 1, v: -20 },
          ],
        },
      ],
    });
    const [up, down] = [
      ...svg.matchAll(/<rect [^>]*y="([\d.]+)" [^>]*height="([\d.]+)"/g),
    ].map(m => ({ top: Number(m[1]), height: Number(m[2]) }));
    const zero = up.top + up.height;
    // Ticks -20 to 40 over a plot from 28 to 166: zero is a third up.
    expect(zero).toBeCloseTo(120, 0);
    expect(down.top).toBeCloseTo(zero, 0);
    expect(down.height).toBeCloseTo((up.height * 20) / 30, 0);
    expect(svg).toContain('>-20<');
    expect(svg).toContain(
      `y1="${zero.toFixed(1)}" y2="${zero.toFixed(1)}" stroke="#888"`,
    );
  });
});
