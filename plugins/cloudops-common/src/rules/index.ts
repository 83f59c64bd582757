export * from './types';
export { RULE_FILE_SCHEMA, RULE_SCHEMA } from './schema';
export type { RuleQuery } from './query';
export type { PromqlQuery } from './query/promql';
export { promqlSyntaxError } from './query/promql';
export { parseDuration } from './durations';
export { fullMatch } from './fullMatch';
export {
  TEMPLATE_ROOTS,
  VALUE_FORMATS,
  parseTemplate,
  renderTemplate,
} from './templates';
export type {
  TemplateRoot,
  ValueFormat,
  TemplatePart,
  ParsedTemplate,
  TemplateValues,
} from './templates';
export { parseRuleFile, unreadableRuleFile } from './parseRuleFile';
export { validateRuleList } from './validateRuleList';
export { findDuplicateRuleIds } from './findDuplicateRuleIds';
export { formatRuleError } from './formatRuleError';
export { remediates } from './remediates';
export { cloudwatchPeriodSeconds } from './query/cloudwatch';
export type {
  CloudWatchQuery,
  CloudWatchMetricQuery,
} from './query/cloudwatch';
