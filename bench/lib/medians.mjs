// Reads JSON lines (one per run) on stdin and prints, per numeric key, every
// run's value and the median, as one JSON object: {key: {runs: [...], median}}
// (with points and seconds, also points_per_second).
import { createInterface } from 'node:readline';

const runs = [];
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim().startsWith('{')) runs.push(JSON.parse(line));
}
if (runs.length === 0) {
  console.error('medians: no JSON lines on stdin');
  process.exit(1);
}
const median = values => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
for (const run of runs) {
  if (typeof run.points === 'number' && typeof run.seconds === 'number') {
    run.points_per_second = run.points / run.seconds;
  }
}
const result = {};
for (const key of Object.keys(runs[0])) {
  if (typeof runs[0][key] !== 'number') continue;
  const values = runs.map(run => run[key]);
  result[key] = { runs: values, median: median(values) };
}
console.log(JSON.stringify(result));
