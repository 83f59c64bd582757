export { IncidentList } from './IncidentList';
export { DEFAULT_LIST_STATE, listStateParams } from './filters';
