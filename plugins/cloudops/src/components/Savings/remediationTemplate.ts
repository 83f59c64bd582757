import {
  Opportunity,
  OpportunityKind,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/**
 * The Software Templates that carry out each kind of opportunity (the
 * project's `cloudops-*` templates); kinds not listed have none yet.
 */
const TEMPLATES: Partial<Record<OpportunityKind, string>> = {
  'ec2-rightsize': 'cloudops-rightsize-workload',
  'ecs-rightsize': 'cloudops-rightsize-workload',
  'kubernetes-requests': 'cloudops-rightsize-workload',
  'ebs-orphan': 'cloudops-delete-orphan-volume',
};

/**
 * Where the scaffolder opens the opportunity's remediation template with
 * the opportunity filled in (`formData` is read by the template wizard),
 * or undefined when no template carries out its kind.
 */
export function remediationTemplateUrl(
  opportunity: Pick<Opportunity, 'id' | 'kind'>,
): string | undefined {
  const template = TEMPLATES[opportunity.kind];
  if (!template) return undefined;
  const formData = JSON.stringify({ opportunityId: opportunity.id });
  return `/create/templates/default/${template}?${new URLSearchParams({
    formData,
  })}`;
}
