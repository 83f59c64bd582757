import { AwsFault, invalid } from '../AwsFault';
import { AuthErrorCodes, FakeService } from '../types';
import { Operations } from './operations';

const JSON_CODES = {
  invalidToken: 'UnrecognizedClientException',
  expired: 'ExpiredTokenException',
  accessDenied: 'AccessDeniedException',
  throttling: 'ThrottlingException',
};

/** JSON-with-dates: Date values become epoch seconds, as AWS JSON sends them. */
function encode(value: unknown): string {
  return JSON.stringify(value, function replacer(key, v) {
    const raw = (this as Record<string, unknown>)[key];
    return raw instanceof Date ? raw.getTime() / 1000 : v;
  });
}

/**
 * The AWS JSON 1.0 / 1.1 protocols: `POST /` with the operation in
 * `x-amz-target: <prefix>.<Operation>`, JSON in and out, timestamps as epoch
 * seconds, errors as `{"__type": "…#Code", "message"}`. A query-compatible
 * service (CloudWatch, SQS) also says `x-amzn-query-mode: true` on requests and
 * answers errors with `x-amzn-query-error: Code;Sender`, the code its old
 * query protocol used.
 */
export function awsJsonService(options: {
  signingName: string;
  iamPrefix: string;
  targetPrefix: string;
  version: '1.0' | '1.1';
  /** The namespace of error shapes, e.g. `com.amazonaws.cloudwatch`. */
  errorNamespace: string;
  queryCompatible?: boolean;
  codes?: Partial<AuthErrorCodes>;
  operations: Operations;
}): FakeService {
  const contentType = `application/x-amz-json-${options.version}`;
  return {
    signingName: options.signingName,
    iamPrefix: options.iamPrefix,
    codes: { ...JSON_CODES, ...options.codes },
    operation(request) {
      const target = request.headers['x-amz-target'] ?? '';
      const [prefix, name] = target.split('.');
      return prefix === options.targetPrefix ? name : undefined;
    },
    async handle(operation, request, context) {
      if (request.method !== 'POST' || request.path !== '/') {
        throw invalid('UnknownOperationException', 'Expected POST /');
      }
      if (request.headers['content-type'] !== contentType) {
        throw invalid(
          'SerializationException',
          `Expected content type ${contentType}`,
        );
      }
      if (
        options.queryCompatible &&
        request.headers['x-amzn-query-mode'] !== 'true'
      ) {
        throw invalid('SerializationException', 'Expected x-amzn-query-mode');
      }
      const implementation = options.operations[operation];
      if (!implementation) {
        throw invalid(
          'UnknownOperationException',
          `The fake does not implement ${options.targetPrefix}.${operation}`,
        );
      }
      let input: unknown;
      try {
        input = JSON.parse(request.body.toString('utf8') || '{}');
      } catch {
        throw invalid('SerializationException', 'Body is not JSON');
      }
      const output = await implementation(input, context);
      return {
        status: 200,
        headers: {
          'content-type': contentType,
          'x-amzn-requestid': context.requestId,
        },
        body: encode(output ?? {}),
      };
    },
    error(fault: AwsFault, requestId) {
      const headers: Record<string, string> = {
        'content-type': contentType,
        'x-amzn-requestid': requestId,
      };
      if (options.queryCompatible) {
        headers['x-amzn-query-error'] = `${fault.code};${fault.fault}`;
      }
      return {
        status: fault.status,
        headers,
        body: JSON.stringify({
          __type: `${options.errorNamespace}#${fault.code}`,
          message: fault.message,
        }),
      };
    },
  };
}
