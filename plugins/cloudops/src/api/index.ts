export { cloudopsApiRef } from './CloudopsApi';
export type {
  CloudopsApi,
  IncidentQuery,
  OpportunityQuery,
  RemediationInput,
  StatsQuery,
} from './CloudopsApi';
export { CloudopsClient } from './CloudopsClient';
