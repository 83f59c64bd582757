import { median, medianAbsoluteDeviation } from 'simple-statistics';

/** How an entity's metric names map onto features. */
export interface FeatureSpec {
  /** Old metric name → current name, so a rename keeps its feature. */
  aliases?: Record<string, string>;
  /**
   * Derived features: `numerator / denominator` (an error rate from error
   * and request counts). With a zero or missing denominator the feature is
   * missing for that vector, never Infinity or NaN.
   */
  ratios?: Array<{ name: string; numerator: string; denominator: string }>;
}

/** A metric vector with canonical names and finite values only. */
export type MetricRecord = Record<string, number>;

/**
 * Applies aliases (a current name wins over an old one that is also
 * present), drops values that are not finite numbers and adds the ratios.
 */
export function canonicalRecord(
  metrics: Record<string, unknown>,
  spec: FeatureSpec = {},
): MetricRecord {
  const record: MetricRecord = {};
  const aliases = spec.aliases ?? {};
  for (const [name, value] of Object.entries(metrics)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    const canonical = aliases[name] ?? name;
    if (canonical !== name && canonical in metrics && name in aliases) {
      const current = metrics[canonical];
      if (typeof current === 'number' && Number.isFinite(current)) continue;
    }
    record[canonical] = value;
  }
  for (const { name, numerator, denominator } of spec.ratios ?? []) {
    const top = record[numerator];
    const bottom = record[denominator];
    if (top === undefined || bottom === undefined || bottom === 0) continue;
    const ratio = top / bottom;
    if (Number.isFinite(ratio)) record[name] = ratio;
  }
  return record;
}

/** A record laid out in the model's feature order. */
export interface AlignedRow {
  /** Robust z of each feature, clipped to ±10; 0 (typical) where missing. */
  row: number[];
  /** Model features absent from the record (imputed as typical). */
  missing: string[];
  /** Record features the model does not know yet (ignored until retrained). */
  unknown: string[];
}

/** Robust z-scores are clipped so one wild value cannot dominate. */
const Z_CLIP = 10;
/** A feature takes part if at least this share of the window has it. */
const MIN_PRESENCE = 0.5;

/**
 * The feature layout a model was trained with: names in a fixed order and
 * each one's median and scaled MAD over the training window. Aligning by
 * name, rather than by position, is what keeps inference working when a
 * metric disappears, is renamed or a new one appears.
 */
export class FeatureAlignment {
  static fit(records: MetricRecord[]): FeatureAlignment {
    const counts = new Map<string, number>();
    for (const record of records) {
      for (const name of Object.keys(record)) {
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
    }
    const features = [...counts]
      .filter(([, count]) => count >= MIN_PRESENCE * records.length)
      .map(([name]) => name)
      .sort();
    const centre: number[] = [];
    const scale: number[] = [];
    for (const name of features) {
      const values = records.flatMap(r => (name in r ? [r[name]] : []));
      const m = median(values);
      centre.push(m);
      const spread = 1.4826 * medianAbsoluteDeviation(values);
      scale.push(Math.max(spread, 1e-3 * Math.abs(m), 1e-9));
    }
    return new FeatureAlignment(features, centre, scale);
  }

  private constructor(
    readonly features: string[],
    private readonly centre: number[],
    private readonly scale: number[],
  ) {}

  align(record: MetricRecord): AlignedRow {
    const missing: string[] = [];
    const row = this.features.map((name, i) => {
      const value = record[name];
      if (value === undefined) {
        missing.push(name);
        return 0;
      }
      const z = (value - this.centre[i]) / this.scale[i];
      return Math.max(-Z_CLIP, Math.min(Z_CLIP, z));
    });
    const known = new Set(this.features);
    const unknown = Object.keys(record).filter(name => !known.has(name));
    return { row, missing, unknown };
  }
}
