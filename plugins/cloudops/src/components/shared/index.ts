export { SeverityChip } from './SeverityChip';
export { StateChip } from './StateChip';
export { LoadError } from './LoadError';
export { severityPalette } from './severityPalette';
export {
  endOfLocalDay,
  formatAxisValue,
  formatMoney,
  formatTime,
  localDay,
  shortRef,
} from './format';
export { AsyncContent } from './AsyncContent';
export { WrappingListItemText } from './WrappingListItemText';
export { errorMessage } from './errorMessage';
export { RiskChip } from './RiskChip';
export { MultiSelectFilter } from './MultiSelectFilter';
export { DataTable } from './DataTable';
export { ButtonLink } from './ButtonLink';
export { lastPage } from './paging';
export { usePaginationLabels } from './usePaginationLabels';
export { useFormatDuration } from './useFormatDuration';
export { useDomainLabels } from './useDomainLabels';
export { knownLabel } from './knownLabel';
export { ChartSummary, summarizeSeries } from './ChartSummary';
export type { SummaryPoint } from './ChartSummary';
export { VisuallyHidden } from './VisuallyHidden';
export { Heading } from './headingLevel';
export { SectionCard } from './SectionCard';
export { LevelledEmptyState } from './LevelledEmptyState';
export { TitledSection } from './TitledSection';
