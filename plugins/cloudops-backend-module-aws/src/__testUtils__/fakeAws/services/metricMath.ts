import { invalid } from '../AwsFault';

/** A time series by bucket start (epoch ms). */
export type Series = Map<number, number>;
type Value = number | Series | Series[];

const badExpression = (message: string) =>
  invalid('ValidationError', `Error in expression: ${message}`);

/** Tokens of a metric-math expression. */
function tokenize(text: string): string[] {
  const tokens = text.match(/\s*(\d+(?:\.\d+)?|[A-Za-z_]\w*|[-+*/(),[\]])\s*/g);
  if (!tokens || tokens.join('').length !== text.length) {
    throw badExpression(`cannot read "${text}"`);
  }
  return tokens.map(t => t.trim());
}

function pointwise(
  a: Value,
  b: Value,
  op: (x: number, y: number) => number,
): Value {
  if (Array.isArray(a) || Array.isArray(b)) {
    throw badExpression('arithmetic on a list of series');
  }
  if (typeof a === 'number' && typeof b === 'number') return op(a, b);
  const out: Series = new Map();
  if (typeof a === 'number') {
    (b as Series).forEach((v, t) => out.set(t, op(a, v)));
  } else if (typeof b === 'number') {
    a.forEach((v, t) => out.set(t, op(v, b)));
  } else {
    a.forEach((v, t) => {
      const w = b.get(t);
      if (w !== undefined) out.set(t, op(v, w));
    });
  }
  return out;
}

function aggregate(args: Value[], reduce: (values: number[]) => number) {
  const list = args.flatMap(a => (Array.isArray(a) ? a : [a]));
  if (list.some(s => typeof s === 'number')) {
    throw badExpression('aggregate functions take series');
  }
  const times = new Set<number>();
  (list as Series[]).forEach(s => s.forEach((_v, t) => times.add(t)));
  const out: Series = new Map();
  for (const t of [...times].sort()) {
    const values = (list as Series[])
      .map(s => s.get(t))
      .filter((v): v is number => v !== undefined);
    out.set(t, reduce(values));
  }
  return out;
}

const FUNCTIONS: Record<
  string,
  (args: Value[], context: { metrics: Series[]; times: number[] }) => Value
> = {
  METRICS: (_args, { metrics }) => metrics,
  SUM: args => aggregate(args, v => v.reduce((x, y) => x + y, 0)),
  AVG: args => aggregate(args, v => v.reduce((x, y) => x + y, 0) / v.length),
  MIN: args => aggregate(args, v => Math.min(...v)),
  MAX: args => aggregate(args, v => Math.max(...v)),
  ABS: ([a]) => pointwise(a, 0, x => Math.abs(x)),
  FILL: ([a, value], { times }) => {
    if (!(a instanceof Map) || typeof value !== 'number') {
      throw badExpression('FILL takes a series and a number');
    }
    return new Map(times.map(t => [t, a.get(t) ?? value]));
  },
};

/**
 * Evaluates the arithmetic subset of CloudWatch metric math: numbers, query
 * ids, `+ - * /`, parentheses, lists `[a, b]`, METRICS(), SUM/AVG/MIN/MAX,
 * ABS and FILL. Series combine where their timestamps meet, as CloudWatch
 * does; anything else is the ValidationError CloudWatch gives.
 */
export function evaluateExpression(
  text: string,
  context: {
    series: Map<string, Series>;
    /** The bucket starts of the window, for FILL. */
    times: number[];
  },
): Series {
  const tokens = tokenize(text);
  let position = 0;
  const peek = () => tokens[position];
  const take = (expected?: string) => {
    const token = tokens[position++];
    if (expected && token !== expected) {
      throw badExpression(`expected "${expected}" at "${token ?? 'end'}"`);
    }
    return token;
  };
  const functionContext = {
    metrics: [...context.series.values()],
    times: context.times,
  };

  function primary(): Value {
    const token = take();
    if (token === undefined) throw badExpression('unexpected end');
    if (token === '(') {
      const value = sum();
      take(')');
      return value;
    }
    if (token === '-') return pointwise(0, primary(), (x, y) => x - y);
    if (token === '[') {
      const items: Series[] = [];
      while (peek() !== ']') {
        const item = sum();
        if (!(item instanceof Map)) throw badExpression('lists hold series');
        items.push(item);
        if (peek() === ',') take(',');
      }
      take(']');
      return items;
    }
    if (/^\d/.test(token)) return Number(token);
    if (peek() === '(') {
      const fn = FUNCTIONS[token];
      if (!fn) throw badExpression(`unknown function ${token}`);
      take('(');
      const args: Value[] = [];
      while (peek() !== ')') {
        args.push(sum());
        if (peek() === ',') take(',');
      }
      take(')');
      return fn(args, functionContext);
    }
    const series = context.series.get(token);
    if (!series) throw badExpression(`unknown metric id ${token}`);
    return series;
  }
  function product(): Value {
    let value = primary();
    while (peek() === '*' || peek() === '/') {
      const op = take();
      const right = primary();
      value = pointwise(value, right, (x, y) => (op === '*' ? x * y : x / y));
    }
    return value;
  }
  function sum(): Value {
    let value = product();
    while (peek() === '+' || peek() === '-') {
      const op = take();
      const right = product();
      value = pointwise(value, right, (x, y) => (op === '+' ? x + y : x - y));
    }
    return value;
  }

  const result = sum();
  if (position !== tokens.length) {
    throw badExpression(`unexpected "${peek()}"`);
  }
  if (Array.isArray(result)) {
    throw badExpression('the expression must give one series');
  }
  return typeof result === 'number'
    ? new Map(context.times.map(t => [t, result]))
    : result;
}
