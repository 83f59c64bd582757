import { invalid } from '../AwsFault';

/** One log event as stored. */
export interface LogEvent {
  timestamp: number;
  message: string;
  logStream: string;
}

type Row = Record<string, string | number>;

const malformed = (message: string) =>
  invalid('MalformedQueryException', message);

/** `2026-11-23 10:15:00.000`, as Logs Insights prints timestamps. */
export function insightsTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

function parseRegex(text: string): RegExp {
  const regex = /^\/(.*)\/([a-z]*)$/.exec(text.trim());
  if (regex) {
    const [, body, flags] = regex;
    const caseless = body.startsWith('(?i)');
    return new RegExp(
      caseless ? body.slice(4) : body,
      caseless ? `${flags}i` : flags,
    );
  }
  const literal = /^"(.*)"$/.exec(text.trim());
  if (literal) {
    return new RegExp(literal[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
  throw malformed(`Expected /regex/ or "text" after like, got ${text}`);
}

function binMs(text: string): number {
  const m = /^(\d+)([smhd])$/.exec(text);
  if (!m) throw malformed(`Invalid bin period ${text}`);
  return Number(m[1]) * { s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[m[2]]!;
}

const AGGREGATE =
  /^(count|min|max|earliest|latest)\((\*|@?[\w.]*)\)\s+as\s+(\w+)$/;

function fieldOf(event: LogEvent, field: string): string | number {
  switch (field) {
    case '@timestamp':
      return event.timestamp;
    case '@message':
      return event.message;
    case '@logStream':
      return event.logStream;
    default:
      throw malformed(`The fake knows no field ${field}`);
  }
}

function stats(events: LogEvent[], spec: string): Row[] {
  const [aggregatesText, groupText] = spec.split(/\s+by\s+/);
  const aggregates = aggregatesText.split(',').map(part => {
    const m = AGGREGATE.exec(part.trim());
    if (!m) throw malformed(`Unsupported aggregate: ${part.trim()}`);
    return { fn: m[1], field: m[2], as: m[3] };
  });
  const groups = (groupText ?? '')
    .split(',')
    .map(g => g.trim())
    .filter(Boolean)
    .map(g => {
      const bin = /^bin\((\w+)\)$/.exec(g);
      return bin
        ? {
            name: g,
            key: (e: LogEvent) => {
              const ms = binMs(bin[1]);
              return insightsTime(Math.floor(e.timestamp / ms) * ms);
            },
          }
        : { name: g, key: (e: LogEvent) => String(fieldOf(e, g)) };
    });
  const buckets = new Map<string, { row: Row; events: LogEvent[] }>();
  for (const event of events) {
    const keys = groups.map(g => g.key(event));
    const id = JSON.stringify(keys);
    const bucket = buckets.get(id) ?? {
      row: Object.fromEntries(groups.map((g, i) => [g.name, keys[i]])),
      events: [],
    };
    bucket.events.push(event);
    buckets.set(id, bucket);
  }
  return [...buckets.values()].map(({ row, events: members }) => {
    const out: Row = { ...row };
    for (const { fn, field, as } of aggregates) {
      if (fn === 'count') {
        out[as] = members.length;
      } else {
        const values = members.map(e => fieldOf(e, field) as number);
        const pick =
          fn === 'min' || fn === 'earliest'
            ? Math.min(...values)
            : Math.max(...values);
        out[as] = field === '@timestamp' ? insightsTime(pick) : pick;
      }
    }
    return out;
  });
}

/** Splits a query at `|`, except inside /regex/ and "text" literals. */
function splitCommands(query: string): string[] {
  const commands: string[] = [];
  let current = '';
  let inside: string | undefined;
  for (let i = 0; i < query.length; i++) {
    const char = query[i];
    if (inside) {
      if (char === '\\') {
        current += char + (query[++i] ?? '');
        continue;
      }
      if (char === inside) inside = undefined;
    } else if (char === '/' || char === '"') {
      inside = char;
    } else if (char === '|') {
      commands.push(current.trim());
      current = '';
      continue;
    }
    current += char;
  }
  commands.push(current.trim());
  return commands.filter(Boolean);
}

/**
 * Runs the subset of the Logs Insights language CloudOps uses over stored
 * events: `fields`, `filter <field> [not] like /re/ | "text"`,
 * `stats count(*)|min|max|earliest|latest(…) as name [by bin(1m) | field]`,
 * `sort <field> [asc|desc]`, `limit n`. Anything else is the
 * MalformedQueryException Logs Insights gives.
 */
export function runInsightsQuery(
  query: string,
  events: LogEvent[],
): { rows: Array<Array<{ field: string; value: string }>>; matched: number } {
  let rows: Row[] | undefined;
  let working = [...events].sort((a, b) => b.timestamp - a.timestamp);
  let fields = ['@timestamp', '@message'];
  let limit = Infinity;
  for (const raw of splitCommands(query)) {
    const [command, ...rest] = raw.split(/\s+/);
    const argument = rest.join(' ');
    switch (command) {
      case 'fields':
        fields = argument.split(',').map(f => f.trim());
        break;
      case 'filter': {
        const m = /^(@?\w+)\s+(not\s+)?like\s+(.+)$/.exec(argument);
        if (!m || rows) throw malformed(`Unsupported filter: ${argument}`);
        const regex = parseRegex(m[3]);
        working = working.filter(
          e => regex.test(String(fieldOf(e, m[1]))) !== Boolean(m[2]),
        );
        break;
      }
      case 'stats':
        rows = stats(working, argument);
        break;
      case 'sort': {
        const [field, direction = 'asc'] = argument.split(/\s+/);
        const sign = direction === 'desc' ? -1 : 1;
        const table: Row[] = rows ?? working.map(e => ({ ...e } as any));
        const key = field.replace(/^@/, rows ? '@' : '');
        table.sort((a, b) => {
          if (a[key] === b[key]) return 0;
          return a[key] > b[key] ? sign : -sign;
        });
        if (rows) rows = table;
        else working = table as unknown as LogEvent[];
        break;
      }
      case 'limit':
        limit = Number(argument);
        if (!Number.isInteger(limit) || limit < 1) {
          throw malformed(`Invalid limit ${argument}`);
        }
        break;
      default:
        throw malformed(`The fake does not support the command ${command}`);
    }
  }
  const table: Row[] =
    rows ??
    working.map(e =>
      Object.fromEntries(
        fields.map(f => [
          f,
          f === '@timestamp' ? insightsTime(e.timestamp) : fieldOf(e, f),
        ]),
      ),
    );
  return {
    matched: working.length,
    rows: table.slice(0, limit).map(row =>
      Object.entries(row).map(([field, value]) => ({
        field,
        value: String(value),
      })),
    ),
  };
}
