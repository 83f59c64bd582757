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

/**
 * The values a remediation gives a template: its parameters, with the
 * incident's id as `incidentId` when the template declares that parameter
 * and the remediation did not set it; and the required parameters that are
 * still missing.
 */
export function templateValues(
  template: Entity,
  parameters: Record<string, unknown>,
  incidentId: string,
): { values: JsonObject; missing: string[] } {
  const steps = parameterSteps(template);
  const declared = new Set(
    steps.flatMap(step => Object.keys(step.properties ?? {})),
  );
  const values = { ...parameters } as JsonObject;
  if (declared.has('incidentId') && values.incidentId === undefined) {
    values.incidentId = incidentId;
  }
  const missing = [
    ...new Set(steps.flatMap(step => step.required ?? [])),
  ].filter(name => values[name] === undefined);
  return { values, missing };
}
