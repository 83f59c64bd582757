import { AnomalyDetector } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { BuiltinAnomalyDetector } from '../../detectors/BuiltinAnomalyDetector';
import { EpisodeOnset } from '../univariate/EpisodeOnset';
import { loadNabCorpus, NabFile } from './corpus';
import { writeNabResults } from './resultFiles';
import {
  CostMatrix,
  normalisedScore,
  optimiseThreshold,
  pointRoles,
  ScoredFile,
  scoreFile,
} from './scoring';

/** One profile's result over a set of files, at the corpus threshold. */
export interface NabProfileScore {
  /** Normalised 0..100; undefined for files without windows. */
  score?: number;
  raw: number;
  windows: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/** What `cloudops bench nab` reports. */
export interface NabReport {
  files: number;
  points: number;
  /** Wall time of the whole run: reading, detecting, scoring, writing. */
  seconds: number;
  /** Wall time of the detector alone over all points. */
  detectSeconds: number;
  pointsPerSecond: number;
  profiles: Record<
    string,
    NabProfileScore & {
      threshold: number;
      byCategory: Record<string, NabProfileScore>;
    }
  >;
}

/**
 * Anomaly scores for NAB: the detector's likelihood on a log scale
 * (−log10(1 − likelihood) / 10), kept only at the onset of an episode. NAB
 * sweeps one threshold over all scores, so the log scale only spreads them
 * out; the onset filter reports an anomalous episode once, as the rule
 * engine alerts once per episode.
 */
const ONSET = { alarm: 0.45, settled: 0.3, quiet: 100 };

function logScore(likelihood: number): number {
  return Math.min(1, -Math.log10(Math.max(1 - likelihood, 1e-10)) / 10);
}

/** Streams one file through a fresh detector series; no look-ahead. */
async function detectFile(
  detector: AnomalyDetector,
  file: NabFile,
): Promise<Float64Array> {
  const scores = new Float64Array(file.values.length);
  const onset = new EpisodeOnset(EpisodeOnset.initial(), ONSET);
  for (let i = 0; i < file.values.length; i++) {
    const verdict = await detector.score(file.name, {
      timestamp: file.timestamps[i],
      value: file.values[i],
    });
    scores[i] = onset.filter(verdict.ready ? logScore(verdict.score) : 0);
  }
  return scores;
}

function summarise(
  files: ScoredFile[],
  threshold: number,
  cost: CostMatrix,
): NabProfileScore {
  const outcomes = files.map(file => scoreFile(file, threshold, cost));
  const windows = files.reduce((sum, f) => sum + f.roles.windowCount, 0);
  const raw = outcomes.reduce((sum, o) => sum + o.raw, 0);
  return {
    score: normalisedScore(raw, windows, cost),
    raw,
    windows,
    truePositives: outcomes.reduce((sum, o) => sum + o.truePositives, 0),
    falsePositives: outcomes.reduce((sum, o) => sum + o.falsePositives, 0),
    falseNegatives: outcomes.reduce((sum, o) => sum + o.falseNegatives, 0),
  };
}

/**
 * Runs the built-in anomaly detector over a NAB corpus as a stream and
 * scores it: the threshold is optimised per profile over the whole corpus,
 * and per-category scores use that same threshold.
 */
export async function runNab(options: {
  dataDir: string;
  /** Relative to `dataDir`; `labels/combined_windows.json` by default. */
  labelsFile?: string;
  /** Also write NAB-format result files under this folder. */
  resultsDir?: string;
  detector?: AnomalyDetector;
}): Promise<NabReport> {
  const started = performance.now();
  const corpus = await loadNabCorpus(options.dataDir, options.labelsFile);
  const detector = options.detector ?? new BuiltinAnomalyDetector();

  const detectStarted = performance.now();
  const scores: Float64Array[] = [];
  for (const file of corpus.files) {
    scores.push(await detectFile(detector, file));
  }
  const detectSeconds = (performance.now() - detectStarted) / 1000;

  const scored = corpus.files.map((file, i) => ({
    roles: pointRoles(file.timestamps, file.windows),
    scores: scores[i],
  }));
  const categories = [...new Set(corpus.files.map(f => f.category))].sort();
  const profiles: NabReport['profiles'] = {};
  for (const [name, cost] of Object.entries(corpus.profiles)) {
    const { threshold } = optimiseThreshold(scored, cost);
    const byCategory: Record<string, NabProfileScore> = {};
    for (const category of categories) {
      byCategory[category] = summarise(
        scored.filter((_, i) => corpus.files[i].category === category),
        threshold,
        cost,
      );
    }
    profiles[name] = {
      threshold,
      ...summarise(scored, threshold, cost),
      byCategory,
    };
  }

  if (options.resultsDir) {
    await writeNabResults(options.resultsDir, corpus.files, scored);
  }
  const points = corpus.files.reduce((sum, f) => sum + f.values.length, 0);
  return {
    files: corpus.files.length,
    points,
    seconds: (performance.now() - started) / 1000,
    detectSeconds,
    pointsPerSecond: points / detectSeconds,
    profiles,
  };
}
