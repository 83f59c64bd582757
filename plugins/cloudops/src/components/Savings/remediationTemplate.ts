import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { Opportunity } from '@cloudops-ai/backstage-plugin-cloudops-common';
import useAsync from 'react-use/esm/useAsync';
import { templateLaunchUrl } from '../../remediationTemplates';

/**
 * Where the scaffolder opens the opportunity's remediation template (the one
 * the backend names in `remediation.template`) with the opportunity filled
 * in, or undefined while that template is not registered in the catalog.
 */
export function useRemediationTemplateUrl(
  opportunity: Pick<Opportunity, 'id' | 'remediation'>,
): string | undefined {
  const catalogApi = useApi(catalogApiRef);
  const name = opportunity.remediation.template;
  const { value: registered } = useAsync(
    async () =>
      Boolean(
        await catalogApi.getEntityByRef({
          kind: 'Template',
          namespace: 'default',
          name,
        }),
      ),
    [catalogApi, name],
  );
  return registered
    ? templateLaunchUrl(name, { opportunityId: opportunity.id })
    : undefined;
}
