export { SavingsPage } from './SavingsPage';
