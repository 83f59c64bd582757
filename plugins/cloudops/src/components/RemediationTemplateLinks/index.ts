export { RemediationTemplateLinks } from './RemediationTemplateLinks';
