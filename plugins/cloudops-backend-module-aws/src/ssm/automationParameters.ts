import { DocumentDescription } from '@aws-sdk/client-ssm';
import { InputError } from '@backstage/errors';
import { RemediationPlan } from '@cloudops-ai/backstage-plugin-cloudops-node';

/** The parameter through which Automation documents take the role they run as. */
export const ASSUME_ROLE_PARAMETER = 'AutomationAssumeRole';

/** The document tag that states a run's effect on cost. */
export const COST_IMPACT_TAG = 'cloudops:cost-impact';

const COST_IMPACTS: ReadonlyArray<RemediationPlan['costImpact']> = [
  'increase',
  'neutral',
  'decrease',
  'unknown',
];

/** Parameter names that name the resources a run acts on. */
const RESOURCE_PARAMETER = /(Ids?|Identifiers?|Arns?|Names?)$/;

/**
 * A remediation request's parameters as SSM takes them: every value a
 * string or a list of strings (the executor's contract), as lists.
 */
export function toAutomationParameters(
  document: string,
  parameters: Record<string, unknown>,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(parameters)) {
    if (typeof value === 'string') {
      result[name] = [value];
    } else if (
      Array.isArray(value) &&
      value.every(v => typeof v === 'string')
    ) {
      result[name] = value;
    } else {
      throw new InputError(
        `Parameter "${name}" of ${document} must be a string or a list of strings, got ${JSON.stringify(
          value,
        )}`,
      );
    }
  }
  return result;
}

/**
 * Checks parameters against those the document declares (none unknown,
 * none required missing) and fills `AutomationAssumeRole` with the
 * automation role when the document declares it. A request may name only
 * that role there: the run acts with the role the remediation kit grants,
 * not one its requester picks (which approvers would not see in the plan).
 * Refuses (with an InputError naming the parameter) what SSM would refuse,
 * so `plan` refuses it before the request is stored.
 */
export function prepareParameters(
  document: DocumentDescription,
  parameters: Record<string, string[]>,
  automationRoleArn: string,
): Record<string, string[]> {
  const declared = new Map(
    (document.Parameters ?? []).map(p => [p.Name ?? '', p]),
  );
  const unknown = Object.keys(parameters).filter(name => !declared.has(name));
  if (unknown.length > 0) {
    throw new InputError(
      `${document.Name} declares no parameter ${unknown.join(
        ', ',
      )} (it takes: ${[...declared.keys()].join(', ') || 'none'})`,
    );
  }
  const prepared = { ...parameters };
  const role = prepared[ASSUME_ROLE_PARAMETER];
  if (role && !(role.length === 1 && role[0] === automationRoleArn)) {
    throw new InputError(
      `${ASSUME_ROLE_PARAMETER} can only be the automation role, ${automationRoleArn} (leave it out and it is filled in)`,
    );
  }
  if (declared.has(ASSUME_ROLE_PARAMETER)) {
    prepared[ASSUME_ROLE_PARAMETER] = [automationRoleArn];
  }
  const missing = [...declared.values()]
    .filter(p => p.DefaultValue === undefined && !prepared[p.Name ?? ''])
    .map(p => p.Name);
  if (missing.length > 0) {
    throw new InputError(
      `${document.Name} needs the parameter(s) ${missing.join(', ')}`,
    );
  }
  return prepared;
}

/**
 * What a run touches and does to cost, from the document and parameters:
 * the values of parameters that name resources (`…Id`, `…Ids`,
 * `…Identifier`, `…Arn`, `…Name`), or the document itself in the account
 * when none does; cost impact from the document's `cloudops:cost-impact`
 * tag (`unknown` without it).
 */
export function planOf(
  document: DocumentDescription,
  parameters: Record<string, string[]>,
  where: { account: string; region: string },
): RemediationPlan {
  const targets = Object.entries(parameters)
    .filter(
      ([name]) =>
        name !== ASSUME_ROLE_PARAMETER && RESOURCE_PARAMETER.test(name),
    )
    .flatMap(([, values]) => values);
  const tag = document.Tags?.find(t => t.Key === COST_IMPACT_TAG)?.Value;
  const costImpact = COST_IMPACTS.find(c => c === tag) ?? 'unknown';
  return {
    targets:
      targets.length > 0
        ? targets
        : [`${where.account}/${where.region}/${document.Name}`],
    costImpact,
    summary: `SSM Automation ${document.Name} (version ${
      document.DocumentVersion ?? '?'
    }) in ${where.account} ${where.region}${
      document.Description ? `: ${document.Description}` : ''
    }`,
  };
}
