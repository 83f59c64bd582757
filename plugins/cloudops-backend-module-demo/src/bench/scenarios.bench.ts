import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import { DEMO_SCENARIO_KINDS } from '@cloudops-ai/backstage-plugin-cloudops-common';
// The benchmark runs under jest like the scenario tests, with their helpers.
/* eslint-disable no-restricted-imports */
import { startDemoBackend } from '../__testUtils__/demoBackend';
import {
  historyPushed,
  playScenario,
  SCENARIO_EXPECTATIONS,
} from '../__testUtils__/playScenario';
/* eslint-enable no-restricted-imports */

/**
 * The demo benchmark (bench/demo/run.sh, not part of the test suite): every
 * chaos scenario played once on a fresh backend, as the per-scenario tests
 * play them, recording detection latency (fault start → incident open, in
 * simulated time and in wall time) and whether the RCA's top cause is the
 * injected service. Writes one JSON line to CLOUDOPS_DEMO_BENCH_OUT.
 */
const out = process.env.CLOUDOPS_DEMO_BENCH_OUT;
const timeScale = Number(process.env.CLOUDOPS_DEMO_BENCH_TIME_SCALE ?? 60);

jest.setTimeout(DEMO_SCENARIO_KINDS.length * 240_000);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// A measurement, not a check: what it finds is the result, pass or miss.
// eslint-disable-next-line jest/expect-expect
it('plays every scenario and measures detection and RCA', async () => {
  if (!out)
    throw new Error('Set CLOUDOPS_DEMO_BENCH_OUT to a file for the results');
  const result: Record<string, number> = {};
  const detectedSeconds: number[] = [];
  let rcaCorrect = 0;
  let resolved = 0;
  for (const kind of DEMO_SCENARIO_KINDS) {
    const { backend, server } = await startDemoBackend({ timeScale });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await historyPushed(base);
      const run = await playScenario(base, kind);
      const seconds = run.detection.simulatedMs / 1000;
      detectedSeconds.push(seconds);
      result[`${kind}_detection_s`] = seconds;
      result[`${kind}_detection_wall_s`] = run.detection.wallMs / 1000;
      const correct = run.topCause === SCENARIO_EXPECTATIONS[kind].target;
      result[`${kind}_rca_correct`] = correct ? 1 : 0;
      if (correct) rcaCorrect++;
      if (run.resolved.state === 'resolved') resolved++;
      process.stdout.write(
        `${kind}: detected after ${seconds} s simulated, top cause ${
          run.topCause
        } (${correct ? 'correct' : 'wrong'}), ${run.resolved.state}\n`,
      );
    } catch (error) {
      // A scenario that is not detected, or not fixed, counts as a miss.
      result[`${kind}_rca_correct`] = 0;
      process.stdout.write(`${kind}: failed: ${error}\n`);
    } finally {
      await backend.stop();
    }
  }
  const line = {
    scenarios: DEMO_SCENARIO_KINDS.length,
    detected: detectedSeconds.length,
    detection_median_s: median(detectedSeconds),
    detection_max_s: Math.max(...detectedSeconds),
    rca_correct: rcaCorrect,
    rca_correct_share: rcaCorrect / DEMO_SCENARIO_KINDS.length,
    resolved,
    ...result,
  };
  fs.appendFileSync(out, `${JSON.stringify(line)}\n`);
});
