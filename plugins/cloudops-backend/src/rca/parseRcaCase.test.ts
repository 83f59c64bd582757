import { parseRcaCase, RcaCaseError } from './parseRcaCase';

const valid = {
  id: 'sockshop-carts-cpu-1',
  faultTime: 1693500000,
  symptom: { service: 'front-end', kind: 'latency' },
  services: ['front-end', 'carts'],
  graph: [['front-end', 'carts']],
  series: [
    {
      service: 'carts',
      metric: 'carts_cpu',
      kind: 'cpu',
      unit: '%',
      timestamps: [1693499400, 1693499460],
      values: [12.5, null],
    },
  ],
};

function problems(data: unknown) {
  try {
    parseRcaCase(data);
  } catch (error) {
    return (error as RcaCaseError).problems;
  }
  throw new Error('expected a problem');
}

describe('parseRcaCase', () => {
  it('accepts the format, including its example', () => {
    expect(parseRcaCase(valid)).toEqual(valid);
    expect(parseRcaCase({ id: 'x', faultTime: 1, series: [] })).toEqual({
      id: 'x',
      faultTime: 1,
      series: [],
    });
  });

  it('ignores, and leaves out, fields the format does not name', () => {
    expect(
      parseRcaCase({
        ...valid,
        changes: 'deployed on Tuesday',
        source: { dataset: 'rcd' },
        series: [{ ...valid.series[0], labels: { pod: 'carts-1' } }],
      }),
    ).toEqual(valid);
  });

  it('names the field of each problem', () => {
    expect(problems({ ...valid, faultTime: '2023-08-31' })).toEqual([
      { field: 'faultTime', message: 'Expected number, received string' },
    ]);
    expect(
      problems({
        ...valid,
        series: [{ ...valid.series[0], kind: 'cpuu' }],
      })[0].field,
    ).toBe('series[0].kind');
    expect(problems({ ...valid, graph: [['a']] }).map(p => p.field)).toEqual([
      'graph[0]',
    ]);
    expect(problems({ series: [] }).map(p => p.field)).toEqual([
      'id',
      'faultTime',
    ]);
  });

  it('checks that values match timestamps and timestamps ascend', () => {
    const series = { ...valid.series[0], values: [1] };
    expect(problems({ ...valid, series: [series] })).toEqual([
      {
        field: 'series[0].values',
        message:
          'must have as many entries as timestamps (1 values, 2 timestamps)',
      },
    ]);
    const backwards = { ...valid.series[0], timestamps: [5, 4] };
    expect(problems({ ...valid, series: [backwards] })).toEqual([
      {
        field: 'series[0].timestamps[1]',
        message: 'must be ascending (4 comes after 5)',
      },
    ]);
  });
});
