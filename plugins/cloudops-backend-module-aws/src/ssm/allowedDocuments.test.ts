import { checkDocumentAllowed } from './allowedDocuments';

describe('checkDocumentAllowed', () => {
  const PREFIXES = ['CloudOps-', 'Acme-'];
  const check = (ref: string) => () => checkDocumentAllowed(ref, PREFIXES);

  it('allows a document whose name, or name in its ARN, starts with an allowed prefix', () => {
    expect(check('CloudOps-RestartEC2Instance')).not.toThrow();
    expect(check('Acme-Failover')).not.toThrow();
    expect(
      check('arn:aws:ssm:eu-west-1:111111111111:document/CloudOps-Restart'),
    ).not.toThrow();
    expect(
      check('arn:aws-us-gov:ssm:us-gov-west-1:111111111111:document/Acme-X'),
    ).not.toThrow();
  });

  it('refuses any other document, naming it and the allowed prefixes', () => {
    for (const ref of [
      'AWS-RunShellScript',
      'cloudops-RestartEC2Instance',
      'arn:aws:ssm:eu-west-1:111111111111:document/AWS-RunShellScript',
    ]) {
      expect(check(ref)).toThrow(
        expect.objectContaining({
          name: 'InputError',
          message: expect.stringMatching(
            /^SSM document (AWS-RunShellScript|cloudops-RestartEC2Instance) is not one CloudOps may run: its name must start with CloudOps- or Acme- \(cloudops\.aws\.ssm\.documentPrefixes\)$/,
          ),
        }),
      );
    }
  });

  it('refuses what is neither a document name nor a document ARN, whatever it starts with', () => {
    for (const ref of [
      'CloudOps-X/../AWS-RunShellScript',
      'CloudOps-X:arn:aws:ssm:eu-west-1:111111111111:document/AWS-RunShellScript',
      'arn:aws:ssm:eu-west-1:111111111111:automation-definition/CloudOps-X',
      'arn:aws:ssm:eu-west-1:111111111111:document/CloudOps-X/AWS-Y',
      'Ac',
    ]) {
      expect(check(ref)).toThrow(
        expect.objectContaining({
          name: 'InputError',
          message: `"${ref}" is not an SSM document name or document ARN`,
        }),
      );
    }
  });
});
