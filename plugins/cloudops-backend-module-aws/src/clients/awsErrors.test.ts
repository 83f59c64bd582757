import { awsErrorInOurWords } from './awsErrors';

/** An SDK error as the SDK throws it: a name, AWS's message, the status. */
const sdkError = (name: string, httpStatusCode: number) =>
  Object.assign(
    new Error(
      'User: arn:aws:sts::111111111111:assumed-role/cloudops-remediation/x is not authorized',
    ),
    { name, $metadata: { httpStatusCode } },
  );

describe('awsErrorInOurWords', () => {
  it('says what happened by the error code, never with AWS message', () => {
    expect(
      [
        sdkError('AccessDeniedException', 400),
        sdkError('AccessDenied', 403),
        sdkError('ThrottlingException', 400),
        sdkError('InternalFailure', 500),
        sdkError('InvalidDocument', 400),
        Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), {
          code: 'ECONNREFUSED',
        }),
        new Error('something else'),
      ].map(awsErrorInOurWords),
    ).toEqual([
      'was refused: not authorized (AccessDeniedException)',
      'was refused: not authorized (AccessDenied)',
      'was throttled, also after retries (ThrottlingException)',
      "failed on AWS's side or on the way there, also after retries (InternalFailure)",
      'was refused by AWS (InvalidDocument)',
      "failed on AWS's side or on the way there, also after retries (ECONNREFUSED)",
      'failed (an unnamed error)',
    ]);
  });
});
