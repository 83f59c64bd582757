export { SetupHealth } from './SetupHealth';
