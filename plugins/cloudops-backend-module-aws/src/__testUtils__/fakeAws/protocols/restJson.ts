import { AwsFault, invalid } from '../AwsFault';
import {
  AuthErrorCodes,
  CallContext,
  FakeRequest,
  FakeService,
} from '../types';

/** A REST route: method, a path pattern with `{name}` labels, and its handler. */
export interface RestRoute {
  operation: string;
  method: string;
  /** e.g. `/model/{modelId}/converse`. */
  path: string;
  handle(
    input: { labels: Record<string, string>; body: any; request: FakeRequest },
    context: CallContext,
  ): unknown;
}

function compile(path: string): RegExp {
  const pattern = path
    .split(/(\{\w+\})/)
    .map(part =>
      /^\{\w+\}$/.test(part)
        ? `(?<${part.slice(1, -1)}>[^/]+)`
        : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${pattern}$`);
}

const REST_CODES = {
  invalidToken: 'UnrecognizedClientException',
  expired: 'ExpiredTokenException',
  accessDenied: 'AccessDeniedException',
  throttling: 'ThrottlingException',
  throttlingStatus: 429,
};

/**
 * The AWS REST-JSON protocol (Bedrock Runtime, SES v2): the operation is the
 * method and path, labels are percent-encoded path segments, JSON bodies, and
 * errors carry their code in `x-amzn-errortype`.
 */
export function restJsonService(options: {
  signingName: string;
  iamPrefix: string;
  codes?: Partial<AuthErrorCodes>;
  routes: RestRoute[];
}): FakeService {
  const routes = options.routes.map(route => ({
    route,
    pattern: compile(route.path),
  }));
  const find = (request: FakeRequest) => {
    for (const { route, pattern } of routes) {
      const match =
        route.method === request.method ? pattern.exec(request.path) : null;
      if (match) {
        const labels = Object.fromEntries(
          Object.entries(match.groups ?? {}).map(([k, v]) => [
            k,
            decodeURIComponent(v),
          ]),
        );
        return { route, labels };
      }
    }
    return undefined;
  };
  return {
    signingName: options.signingName,
    iamPrefix: options.iamPrefix,
    codes: { ...REST_CODES, ...options.codes },
    operation: request => find(request)?.route.operation,
    async handle(_operation, request, context) {
      const found = find(request);
      if (!found) {
        throw new AwsFault(404, 'UnknownOperationException', 'No such route');
      }
      let body: unknown = {};
      if (request.body.length > 0) {
        try {
          body = JSON.parse(request.body.toString('utf8'));
        } catch {
          throw invalid('SerializationException', 'Body is not JSON');
        }
      }
      const output = await found.route.handle(
        { labels: found.labels, body, request },
        context,
      );
      return {
        status: 200,
        headers: {
          'content-type': 'application/json',
          'x-amzn-requestid': context.requestId,
        },
        body: JSON.stringify(output ?? {}),
      };
    },
    error(fault: AwsFault, requestId) {
      return {
        status: fault.status,
        headers: {
          'content-type': 'application/json',
          'x-amzn-errortype': fault.code,
          'x-amzn-requestid': requestId,
        },
        body: JSON.stringify({ message: fault.message }),
      };
    },
  };
}
