import { Aws } from 'aws-cdk-lib/core';
import { PolicyDocument } from 'aws-cdk-lib/aws-iam';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The policy files in `policies/`, one per feature. */
export type PolicyName =
  | 'cloudwatch-detection'
  | 'waste-detection'
  | 'logs-evidence'
  | 'organizations-discovery'
  | 'events-queue-consumer'
  | 'remediation'
  | 'automation-execution'
  | 'bedrock-narrative'
  | 'pricing';

const POLICIES_DIR = join(__dirname, '..', 'policies');

/** Reads a policy file as JSON, as it is shipped for use without CDK. */
export function readPolicyJson(name: PolicyName): any {
  return JSON.parse(readFileSync(join(POLICIES_DIR, `${name}.json`), 'utf8'));
}

/**
 * A policy file as a CDK policy document: `${AWS::Partition}`,
 * `${AWS::AccountId}` and `${AWS::Region}` become the stack's, other
 * `${Name}` placeholders the given values. The JSON files are the one
 * source: customers without CDK use them with the placeholders filled in.
 */
export function loadPolicy(
  name: PolicyName,
  values: Record<string, string> = {},
): PolicyDocument {
  const all: Record<string, string> = {
    'AWS::Partition': Aws.PARTITION,
    'AWS::AccountId': Aws.ACCOUNT_ID,
    'AWS::Region': Aws.REGION,
    ...values,
  };
  const text = JSON.stringify(readPolicyJson(name)).replace(
    /\$\{([\w:]+)\}/g,
    (placeholder, key: string) => {
      if (!(key in all)) {
        throw new Error(`Policy ${name} needs a value for ${placeholder}`);
      }
      return all[key];
    },
  );
  return PolicyDocument.fromJson(JSON.parse(text));
}
