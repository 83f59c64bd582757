/**
 * The scaffolder's page for a template, with its form prefilled: what the
 * Incidents tab and the savings page link to, so a remediation template
 * starts with the incident's or opportunity's id already filled in.
 *
 * @param name - the template's `metadata.name`, e.g. an opportunity's
 *   `remediation.template`
 * @param formData - the template's parameters to prefill
 * @param options - where the scaffolder is mounted (default `/create`) and
 *   the template's namespace (default `default`). Inside the app the plugin
 *   resolves the scaffolder's page with `createFromTemplateRouteRef` instead.
 * @public
 */
export function templateLaunchUrl(
  name: string,
  formData: Record<string, unknown>,
  options: { basePath?: string; namespace?: string } = {},
): string {
  const base = (options.basePath ?? '/create').replace(/\/+$/, '');
  const namespace = encodeURIComponent(options.namespace ?? 'default');
  return withFormData(
    `${base}/templates/${namespace}/${encodeURIComponent(name)}`,
    formData,
  );
}

/** A scaffolder template page's path with the template's form prefilled. */
export function withFormData(
  templatePath: string,
  formData: Record<string, unknown>,
): string {
  const query = new URLSearchParams({ formData: JSON.stringify(formData) });
  return `${templatePath}?${query}`;
}

/**
 * The remediation templates an incident offers (examples/templates), each
 * taking the incident's id.
 *
 * @public
 */
export const INCIDENT_REMEDIATION_TEMPLATES = [
  'cloudops-restart-deployment',
  'cloudops-rollback-deployment',
  'cloudops-scale-service',
  'cloudops-silence-and-investigate',
] as const;
