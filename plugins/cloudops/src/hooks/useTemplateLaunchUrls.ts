import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { templateLaunchUrl, withFormData } from '../remediationTemplates';
import { createFromTemplateRouteRef } from '../routes';

const NAMESPACE = 'default';

/**
 * Where the scaffolder opens each of these Software Templates with its form
 * prefilled: the templates registered in the catalog (a `Template` of that
 * name in the `default` namespace), in the order given, or undefined while
 * the catalog answers. A template that is not registered has no link: the
 * scaffolder would show an error page. The scaffolder's page comes from
 * `createFromTemplateRouteRef` (`/create/...` while the app does not bind
 * it).
 */
export function useTemplateLaunchUrls<Name extends string>(
  names: readonly Name[],
  formData: Record<string, unknown>,
): Array<{ name: Name; url: string }> | undefined {
  const catalogApi = useApi(catalogApiRef);
  const templatePage = useRouteRef(createFromTemplateRouteRef);
  const key = names.join('\n');
  const { value: registered } = useAsync(async () => {
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: names.map(name =>
        stringifyEntityRef({ kind: 'Template', namespace: NAMESPACE, name }),
      ),
      fields: ['kind', 'metadata.name'],
    });
    return names.filter((_, i) => Boolean(items[i]));
    // The names by value: callers may pass a new array on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, key]);
  return registered?.map(name => ({
    name,
    url: templatePage
      ? withFormData(
          templatePage({ namespace: NAMESPACE, templateName: name }),
          formData,
        )
      : templateLaunchUrl(name, formData, { namespace: NAMESPACE }),
  }));
}
