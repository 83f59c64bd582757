export { cloudopsApiRef } from './CloudopsApi';
export type { CloudopsApi, IncidentQuery, StatsQuery } from './CloudopsApi';
export { CloudopsClient } from './CloudopsClient';
