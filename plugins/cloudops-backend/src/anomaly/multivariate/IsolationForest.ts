import { SeededRandom } from '../../random/SeededRandom';

/** One tree, as parallel arrays; a node with feature -1 is a leaf. */
interface IsolationTree {
  feature: number[];
  split: number[];
  left: number[];
  right: number[];
  /** Rows that reached a leaf. */
  size: number[];
}

const EULER_GAMMA = 0.5772156649015329;

/**
 * c(n): the average path length of an unsuccessful search in a binary search
 * tree of n points, which normalises path lengths (Liu, Ting & Zhou 2008).
 */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/**
 * An isolation forest (Liu, Ting & Zhou 2008) over rows of equal length:
 * each tree isolates a random subsample by random axis-parallel splits, and
 * points that are isolated in few splits are anomalous. The score is
 * 2^(−E[h(x)] / c(ψ)): about 0.5 or less for ordinary points, towards 1 for
 * anomalies. Rows must be finite; aligning and imputing is the caller's job.
 */
export class IsolationForest {
  static train(
    rows: number[][],
    options: { trees?: number; sampleSize?: number; random: SeededRandom },
  ): IsolationForest {
    const sampleSize = Math.min(options.sampleSize ?? 256, rows.length);
    const heightLimit = Math.ceil(Math.log2(Math.max(sampleSize, 2)));
    const trees: IsolationTree[] = [];
    for (let t = 0; t < (options.trees ?? 100); t++) {
      const sample = sampleRows(rows, sampleSize, options.random);
      const tree: IsolationTree = {
        feature: [],
        split: [],
        left: [],
        right: [],
        size: [],
      };
      grow(tree, sample, 0, heightLimit, options.random);
      trees.push(tree);
    }
    return new IsolationForest(trees, sampleSize);
  }

  private constructor(
    private readonly trees: IsolationTree[],
    readonly sampleSize: number,
  ) {}

  /** The anomaly score of a row, 0..1. */
  score(row: number[]): number {
    let total = 0;
    for (const tree of this.trees) {
      total += pathLength(tree, row);
    }
    const normaliser = averagePathLength(this.sampleSize);
    if (normaliser === 0) return 0.5;
    return 2 ** -(total / this.trees.length / normaliser);
  }
}

function sampleRows(
  rows: number[][],
  size: number,
  random: SeededRandom,
): number[][] {
  // partial Fisher–Yates over indices: a sample without replacement
  const indices = rows.map((_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + random.int(indices.length - i);
    [indices[i], indices[j]] = [indices[j], indices[i]];
  }
  return indices.slice(0, size).map(i => rows[i]);
}

function grow(
  tree: IsolationTree,
  rows: number[][],
  depth: number,
  heightLimit: number,
  random: SeededRandom,
): number {
  const node = tree.feature.length;
  tree.feature.push(-1);
  tree.split.push(0);
  tree.left.push(-1);
  tree.right.push(-1);
  tree.size.push(rows.length);
  if (depth >= heightLimit || rows.length <= 1) {
    return node;
  }
  // only features that vary among these rows can split them
  const width = rows[0].length;
  const splittable: Array<{ feature: number; min: number; max: number }> = [];
  for (let f = 0; f < width; f++) {
    let min = Infinity;
    let max = -Infinity;
    for (const row of rows) {
      if (row[f] < min) min = row[f];
      if (row[f] > max) max = row[f];
    }
    if (max > min) splittable.push({ feature: f, min, max });
  }
  if (splittable.length === 0) {
    return node;
  }
  const { feature, min, max } = splittable[random.int(splittable.length)];
  const split = min + random.next() * (max - min);
  tree.feature[node] = feature;
  tree.split[node] = split;
  tree.left[node] = grow(
    tree,
    rows.filter(row => row[feature] < split),
    depth + 1,
    heightLimit,
    random,
  );
  tree.right[node] = grow(
    tree,
    rows.filter(row => row[feature] >= split),
    depth + 1,
    heightLimit,
    random,
  );
  return node;
}

function pathLength(tree: IsolationTree, row: number[]): number {
  let node = 0;
  let depth = 0;
  while (tree.feature[node] >= 0) {
    node =
      row[tree.feature[node]] < tree.split[node]
        ? tree.left[node]
        : tree.right[node];
    depth += 1;
  }
  return depth + averagePathLength(tree.size[node]);
}
