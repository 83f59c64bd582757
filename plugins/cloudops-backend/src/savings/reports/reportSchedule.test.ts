import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

jest.setTimeout(60_000);

/**
 * In a process whose time zone is `zone`: the first run of the default
 * report schedule after the week of 2026-11-16 ended (Monday 2026-11-23
 * 00:00 UTC) that reports that week, as the Backstage scheduler evaluates
 * the cron (its own `cron` library, in the host's zone).
 */
async function firstRunReporting(zone: string) {
  const script = `
    const { ConfigReader } = require('@backstage/config');
    const { CronTime } = require(require.resolve('cron', {
      paths: [require.resolve('@backstage/backend-defaults/package.json')],
    }));
    const { readSavingsOptions } = require(${JSON.stringify(
      path.resolve(__dirname, '../savingsOptions'),
    )});
    const { lastFullWeek } = require(${JSON.stringify(
      path.resolve(__dirname, 'buildWeeklyReport'),
    )});
    const cron = new CronTime(readSavingsOptions(new ConfigReader({})).report.cron);
    let run = new Date('2026-11-23T00:00:00Z');
    for (;;) {
      run = cron.getNextDateFrom(run).toJSDate();
      const week = lastFullWeek(run);
      if (week.start.toISOString() === '2026-11-16T00:00:00.000Z') {
        console.log(JSON.stringify({ run, localDay: run.getDay() }));
        break;
      }
    }`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '-r',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      '-e',
      script,
    ],
    { env: { ...process.env, TZ: zone } },
  );
  const { run, localDay } = JSON.parse(stdout);
  return { run: new Date(run), localDay };
}

describe('the weekly report schedule', () => {
  it.each([
    // Monday 06:00 in Bangkok is Sunday 23:00 UTC, before the week ends.
    ['Asia/Bangkok', '2026-11-23T23:00:00Z', 2],
    ['Pacific/Kiritimati', '2026-11-23T16:00:00Z', 2],
    ['UTC', '2026-11-23T06:00:00Z', 1],
    ['America/Los_Angeles', '2026-11-23T14:00:00Z', 1],
  ])(
    'reports the week that ended in UTC within a day on a host in %s',
    async (zone, expected, localDay) => {
      expect(await firstRunReporting(zone)).toEqual({
        run: new Date(expected),
        localDay,
      });
    },
  );
});
