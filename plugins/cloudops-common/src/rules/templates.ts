import { Signal } from '../signal';
import { Rule } from './types';

/**
 * The values a rule template can use, as `{{root}}` or, for `rule` and
 * `labels`, `{{root.key}}`.
 *
 * @public
 */
export const TEMPLATE_ROOTS = [
  'rule',
  'source',
  'kind',
  'name',
  'account',
  'region',
  'resource',
  'value',
  'status',
  'fingerprint',
  'message',
  'labels',
  'entity',
] as const;

/** @public */
export type TemplateRoot = (typeof TEMPLATE_ROOTS)[number];

const RULE_KEYS = ['id', 'severity'] as const;

/**
 * One piece of a parsed template: literal text or a value to fill in.
 *
 * @public
 */
export type TemplatePart =
  | string
  | { root: 'rule'; key: (typeof RULE_KEYS)[number] }
  | { root: 'labels'; key: string }
  | { root: 'value'; format?: ValueFormat }
  | { root: Exclude<TemplateRoot, 'rule' | 'labels' | 'value'> };

/**
 * How `{{value}}` may be shown: `{{value | percent}}` shows a ratio (0.145)
 * as a percentage (14.5%).
 *
 * @public
 */
export const VALUE_FORMATS = ['percent'] as const;

/** @public */
export type ValueFormat = (typeof VALUE_FORMATS)[number];

/**
 * What parsing a template gives: its parts, or why it is not a template.
 *
 * @public
 */
export type ParsedTemplate =
  | { parts: TemplatePart[]; error?: undefined }
  | { parts?: undefined; error: string };

/**
 * What a template is rendered with.
 *
 * @public
 */
export interface TemplateValues {
  rule: Rule;
  signal: Signal;
  /** The ref of the signal's catalog entity, if any. */
  entityRef?: string;
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

function isTemplateRoot(value: string): value is TemplateRoot {
  return (TEMPLATE_ROOTS as readonly string[]).includes(value);
}

/** `{{value | percent}}`: a format applies to `value` only. */
function parsePlaceholder(inner: string): TemplatePart | string {
  const bar = inner.indexOf('|');
  if (bar < 0 || inner.slice(0, bar).trim() !== 'value') {
    return parsePath(inner);
  }
  const format = inner.slice(bar + 1).trim();
  const known = VALUE_FORMATS.find(f => f === format);
  return known
    ? { root: 'value', format: known }
    : `unknown format "${format}" in {{${inner}}}; expected ${VALUE_FORMATS.join(
        ', ',
      )}`;
}

function parsePath(path: string): TemplatePart | string {
  const dot = path.indexOf('.');
  const root = dot < 0 ? path : path.slice(0, dot);
  const key = dot < 0 ? undefined : path.slice(dot + 1);
  if (!isTemplateRoot(root)) {
    return `unknown template root "${root}" in {{${path}}}; expected one of ${TEMPLATE_ROOTS.join(
      ', ',
    )}`;
  }
  if (root === 'rule') {
    const ruleKey = RULE_KEYS.find(k => k === key);
    return ruleKey
      ? { root, key: ruleKey }
      : `{{${path}}} is not a rule field; expected rule.id or rule.severity`;
  }
  if (root === 'labels') {
    return key
      ? { root, key }
      : `{{${path}}} needs a label name, as in {{labels.namespace}}`;
  }
  if (key !== undefined) {
    return `{{${path}}} has no fields; expected {{${root}}}`;
  }
  return { root };
}

/**
 * Parses a template such as `CrashLoopBackOff in {{labels.namespace}}` or
 * `{{value | percent}} of requests fail`.
 *
 * @public
 */
export function parseTemplate(template: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const text = template.slice(last, match.index);
    if (text.includes('{{')) {
      return { error: `unclosed "{{" in "${template}"` };
    }
    if (text) {
      parts.push(text);
    }
    const part = parsePlaceholder(match[1].trim());
    if (typeof part === 'string') {
      return { error: part };
    }
    parts.push(part);
    last = match.index + match[0].length;
  }
  const rest = template.slice(last);
  if (rest.includes('{{')) {
    return { error: `unclosed "{{" in "${template}"` };
  }
  if (rest) {
    parts.push(rest);
  }
  return { parts };
}

/**
 * A value as a title shows it: whole from 100 up, else three significant
 * digits (97.63 → 97.6, 0.145476 → 0.145).
 */
function readable(value: number): string {
  return String(
    Math.abs(value) >= 100 ? Math.round(value) : Number(value.toPrecision(3)),
  );
}

/** How a rendered template shows `{{value}}`. */
type ValueStyle = 'readable' | 'exact';

function valueOf(
  part: Exclude<TemplatePart, string>,
  values: TemplateValues,
  style: ValueStyle,
) {
  const { signal } = values;
  switch (part.root) {
    case 'rule':
      return values.rule[part.key];
    case 'labels':
      return signal.labels[part.key];
    case 'entity':
      return values.entityRef;
    case 'value': {
      if (signal.value === undefined) return undefined;
      const show = style === 'readable' ? readable : String;
      return part.format === 'percent'
        ? `${show(signal.value * 100)}%`
        : show(signal.value);
    }
    default:
      return signal[part.root];
  }
}

/**
 * Fills in a parsed template. Missing values render as empty strings.
 * `{{value}}` is shown exactly unless `style` is `readable` (for titles,
 * see {@link readable}); keys keep it exact, so that values apart past the
 * third digit stay apart.
 *
 * @public
 */
export function renderTemplate(
  parts: TemplatePart[],
  values: TemplateValues,
  style: ValueStyle = 'exact',
): string {
  let text = '';
  for (const part of parts) {
    text +=
      typeof part === 'string' ? part : valueOf(part, values, style) ?? '';
  }
  return text;
}
