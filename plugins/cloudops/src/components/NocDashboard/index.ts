export { NocDashboard } from './NocDashboard';
