export { DemoScenarioCard } from './DemoScenarioCard';
