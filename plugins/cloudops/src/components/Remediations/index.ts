export { SuggestedRemediations } from './SuggestedRemediations';
