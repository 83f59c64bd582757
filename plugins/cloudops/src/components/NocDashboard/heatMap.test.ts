import { heatMatrix } from './heatMap';

const none = { critical: 0, high: 0, warning: 0, info: 0 };

describe('heatMatrix', () => {
  it('orders systems and accounts by open incidents and keeps the worst severity', () => {
    const matrix = heatMatrix([
      {
        key: 'system:default/shop',
        subKey: '111',
        count: 4,
        open: 3,
        openBySeverity: { ...none, high: 1, warning: 2 },
      },
      {
        key: 'system:default/data',
        subKey: '222',
        count: 5,
        open: 5,
        openBySeverity: { ...none, info: 5 },
      },
      {
        key: null,
        subKey: '111',
        count: 1,
        open: 1,
        openBySeverity: { ...none, critical: 1 },
      },
      {
        key: 'system:default/old',
        subKey: '333',
        count: 9,
        open: 0,
        openBySeverity: none,
      },
    ]);
    expect(matrix.systems).toEqual([
      'system:default/data',
      'system:default/shop',
      null,
    ]);
    expect(matrix.accounts).toEqual(['222', '111']);
    expect(matrix.cell('system:default/shop', '111')).toEqual({
      open: 3,
      worst: 'high',
    });
    expect(matrix.cell(null, '111')).toEqual({ open: 1, worst: 'critical' });
    expect(matrix.cell('system:default/shop', '222')).toBeUndefined();
  });
});
