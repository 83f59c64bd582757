import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/config';

interface ParameterStep {
  properties?: Record<string, unknown>;
  required?: string[];
}

function parameterSteps(template: Entity): ParameterStep[] {
  const parameters = (template.spec as { parameters?: unknown })?.parameters;
  return [parameters ?? []].flat() as ParameterStep[];
}

/** What a remediation is about: the id of its incident or of its savings opportunity. */
export type SubjectIds = { incidentId?: string; opportunityId?: string };

/**
 * The values a remediation gives a template: its parameters, with the
 * subject's id as `incidentId` or `opportunityId` when the template
 * declares that parameter and the remediation did not set it; and the
 * required parameters that are still missing.
 */
export function templateValues(
  template: Entity,
  parameters: Record<string, unknown>,
  subject: SubjectIds,
): { values: JsonObject; missing: string[] } {
  const steps = parameterSteps(template);
  const declared = new Set(
    steps.flatMap(step => Object.keys(step.properties ?? {})),
  );
  const values = { ...parameters } as JsonObject;
  for (const [name, id] of Object.entries(subject)) {
    if (id && declared.has(name) && values[name] === undefined) {
      values[name] = id;
    }
  }
  const missing = [
    ...new Set(steps.flatMap(step => step.required ?? [])),
  ].filter(name => values[name] === undefined);
  return { values, missing };
}
