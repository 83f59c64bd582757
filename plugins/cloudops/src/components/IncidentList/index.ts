export { IncidentList } from './IncidentList';
