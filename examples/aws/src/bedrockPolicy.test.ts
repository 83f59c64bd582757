import { App, Stack } from 'aws-cdk-lib/core';
import { Template } from 'aws-cdk-lib/assertions';
import { ManagedPolicy } from 'aws-cdk-lib/aws-iam';
import { loadPolicy } from './policies';

describe('the Bedrock narrative policy', () => {
  it('grants only InvokeModel, on the one inference profile and its model', () => {
    const stack = new Stack(new App(), 'Narrative', {
      env: { account: '999999999999', region: 'eu-west-1' },
    });
    new ManagedPolicy(stack, 'BedrockNarrative', {
      document: loadPolicy('bedrock-narrative', {
        InferenceProfileId: 'eu.anthropic.claude-3-7-sonnet-20250219-v1:0',
        ModelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
      }),
    });
    const [policy] = Object.values<any>(
      Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'),
    );
    expect(policy.Properties.PolicyDocument.Statement).toHaveLength(1);
    const [statement] = policy.Properties.PolicyDocument.Statement;
    expect(statement.Action).toBe('bedrock:InvokeModel');
    const [profile, model] = statement.Resource.map((arn: any) =>
      JSON.stringify(arn),
    );
    // The account is the stack's (a CloudFormation reference), the region any.
    expect(profile).toMatch(
      /":bedrock:\*:",\{"Ref":"AWS::AccountId"\},":inference-profile\/eu\.anthropic\.claude-3-7-sonnet-20250219-v1:0"/,
    );
    expect(model).toMatch(
      /":bedrock:\*::foundation-model\/anthropic\.claude-3-7-sonnet-20250219-v1:0"/,
    );
  });

  it('needs the model named', () => {
    expect(() => loadPolicy('bedrock-narrative')).toThrow(
      'Policy bedrock-narrative needs a value for ${InferenceProfileId}',
    );
  });
});
