import { isTransientStoreError } from './isTransientStoreError';

describe('isTransientStoreError', () => {
  it.each([
    [{ name: 'KnexTimeoutError' }, true],
    [{ code: '08006' }, true], // connection failure
    [{ code: '57P01' }, true], // admin shutdown
    [{ code: '40P01' }, true], // deadlock
    [{ code: 'SQLITE_BUSY' }, true],
    [{ code: 'SQLITE_IOERR_WRITE' }, true],
    [{ code: 'ECONNREFUSED' }, true],
    [{ code: '22001' }, false], // value too long
    [{ code: '23502' }, false], // not null
    [{ code: 'SQLITE_CONSTRAINT_NOTNULL' }, false],
    [new TypeError('x is undefined'), false],
    [undefined, false],
  ])('%p → %p', (error, transient) => {
    expect(isTransientStoreError(error)).toBe(transient);
  });
});
