export { CloudopsPage } from './CloudopsPage';
