export { GraphPage } from './GraphPage';
