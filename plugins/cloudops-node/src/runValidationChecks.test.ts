import { runValidationChecks } from './runValidationChecks';

describe('runValidationChecks', () => {
  it('gathers rows in check order and fails the report on any failed row', async () => {
    const report = await runValidationChecks(
      [
        {
          id: 'slow',
          run: async () => {
            await new Promise(r => setTimeout(r, 20));
            return [{ check: 'slow', target: 'a', status: 'pass', detail: '' }];
          },
        },
        {
          id: 'patient',
          timeoutMs: 1000,
          run: async () => {
            await new Promise(r => setTimeout(r, 100));
            return [
              { check: 'patient', target: 'c', status: 'pass', detail: '' },
            ];
          },
        },
        {
          id: 'quick',
          run: async () => [
            { check: 'quick', target: 'b', status: 'warn', detail: 'look' },
          ],
        },
      ],
      { timeoutMs: 50 },
    );
    expect(report.ok).toBe(true);
    expect(report.results.map(r => r.check)).toEqual([
      'slow',
      'patient',
      'quick',
    ]);
    expect(Date.parse(report.checkedAt)).not.toBeNaN();
  });

  it('reports a thrown error and a check past its deadline as failed rows', async () => {
    let aborted = false;
    const report = await runValidationChecks(
      [
        {
          id: 'broken',
          run: async () => {
            throw new Error('cannot read cloudops.aws');
          },
        },
        {
          id: 'hangs',
          run: ({ signal }) =>
            new Promise(() => {
              signal.addEventListener('abort', () => {
                aborted = true;
              });
            }),
        },
      ],
      { timeoutMs: 50 },
    );
    expect(report.ok).toBe(false);
    expect(report.results).toEqual([
      {
        check: 'broken',
        target: '(all)',
        status: 'fail',
        detail: 'cannot read cloudops.aws',
      },
      {
        check: 'hangs',
        target: '(all)',
        status: 'fail',
        detail: 'did not finish within 0.05s',
      },
    ]);
    expect(aborted).toBe(true);
  });
});
