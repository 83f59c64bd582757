export { RcaCauses } from './RcaCauses';
export { SimilarIncidents } from './SimilarIncidents';
export { useIncidentRca } from './useIncidentRca';
export type { RcaLoad } from './useIncidentRca';
