export { SignalCharts } from './SignalCharts';
