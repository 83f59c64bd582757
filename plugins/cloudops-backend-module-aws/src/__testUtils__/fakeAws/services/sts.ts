import { required } from '../AwsFault';
import { FakeIdentities } from '../FakeIdentities';
import { awsQueryService } from '../protocols/awsQuery';

/** STS (query protocol): AssumeRole and GetCallerIdentity. */
export class FakeSts {
  readonly service = awsQueryService({
    signingName: 'sts',
    iamPrefix: 'sts',
    xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/',
    operations: {
      AssumeRole: (input, context) => {
        const session = this.identities.assumeRole(context.identity, {
          roleArn: required(input.RoleArn, 'roleArn'),
          sessionName: required(input.RoleSessionName, 'roleSessionName'),
          externalId: input.ExternalId,
        });
        return {
          Credentials: {
            AccessKeyId: session.accessKeyId,
            SecretAccessKey: session.secretAccessKey,
            SessionToken: session.sessionToken,
            Expiration: new Date(session.expiresAt!),
          },
          AssumedRoleUser: {
            Arn: session.arn,
            AssumedRoleId: `AROA${session.accessKeyId.slice(4)}:${
              input.RoleSessionName
            }`,
          },
        };
      },
      GetCallerIdentity: (_input, context) => ({
        Arn: context.identity.arn,
        UserId: context.identity.accessKeyId,
        Account: context.accountId,
      }),
    },
  });

  constructor(private readonly identities: FakeIdentities) {}
}
