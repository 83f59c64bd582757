import { AwsFault, invalid } from '../AwsFault';
import { AuthErrorCodes, FakeRequest, FakeService } from '../types';
import { Operations } from './operations';
import { escapeXml, toXml } from './xml';

type Nested = { [key: string]: Nested | string };

/**
 * Reads a query-protocol form (`Tags.member.1.Key=a`) into nested objects;
 * numbered segments become lists (`{Tags: {member: [{Key: 'a'}]}}`).
 */
export function parseForm(body: string): Record<string, any> {
  const root: Nested = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const parts = name.split('.');
    let node = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) {
        node[part] = value;
      } else {
        node[part] = (node[part] as Nested) ?? {};
        node = node[part] as Nested;
      }
    });
  }
  const listify = (value: Nested | string): any => {
    if (typeof value === 'string') return value;
    const keys = Object.keys(value);
    if (keys.length > 0 && keys.every(k => /^\d+$/.test(k))) {
      return keys
        .sort((a, b) => Number(a) - Number(b))
        .map(k => listify(value[k]));
    }
    return Object.fromEntries(keys.map(k => [k, listify(value[k])]));
  };
  return listify(root);
}

/** The items of a query-protocol list member (`X.member.N`), or []. */
export function members<T = any>(value: any): T[] {
  const list = value?.member ?? value?.entry ?? value;
  return Array.isArray(list) ? list : [];
}

const QUERY_CODES = {
  invalidToken: 'InvalidClientTokenId',
  expired: 'ExpiredToken',
  accessDenied: 'AccessDenied',
  throttling: 'Throttling',
};

function formOf(request: FakeRequest): Record<string, any> {
  if (
    request.method !== 'POST' ||
    !request.headers['content-type']?.startsWith(
      'application/x-www-form-urlencoded',
    )
  ) {
    throw invalid('InvalidAction', 'Expected a form POST');
  }
  return parseForm(request.body.toString('utf8'));
}

/**
 * The AWS query protocol (STS, SNS) and its EC2 flavour: a form POST with
 * `Action` and `Version`, answered with `<ActionResponse>` XML. Query
 * services wrap the output in `<ActionResult>` and lists in `<member>`;
 * EC2 puts the output directly in the response, lists in `<item>`, and
 * errors in `<Response><Errors>`.
 */
export function awsQueryService(options: {
  signingName: string;
  iamPrefix: string;
  xmlns: string;
  flavour?: 'query' | 'ec2';
  codes?: Partial<AuthErrorCodes>;
  operations: Operations;
}): FakeService {
  const ec2 = options.flavour === 'ec2';
  return {
    signingName: options.signingName,
    iamPrefix: options.iamPrefix,
    codes: { ...QUERY_CODES, ...options.codes },
    operation(request) {
      try {
        return formOf(request).Action;
      } catch {
        return undefined;
      }
    },
    async handle(operation, request, context) {
      const implementation = options.operations[operation];
      if (!implementation) {
        throw invalid(
          'InvalidAction',
          `The fake does not implement ${operation}`,
        );
      }
      const output = await implementation(formOf(request), context);
      const item = ec2 ? 'item' : 'member';
      const inner = ec2
        ? `${toXml(output, item)}<requestId>${context.requestId}</requestId>`
        : `<${operation}Result>${toXml(output, item)}</${operation}Result>` +
          `<ResponseMetadata><RequestId>${context.requestId}</RequestId></ResponseMetadata>`;
      return {
        status: 200,
        headers: {
          'content-type': 'text/xml',
          'x-amzn-requestid': context.requestId,
        },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${options.xmlns}">${inner}</${operation}Response>`,
      };
    },
    error(fault: AwsFault, requestId) {
      const error = `<Error>${
        ec2 ? '' : `<Type>${fault.fault}</Type>`
      }<Code>${escapeXml(fault.code)}</Code><Message>${escapeXml(
        fault.message,
      )}</Message></Error>`;
      return {
        status: fault.status,
        headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
        body: ec2
          ? `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors>${error}</Errors><RequestID>${requestId}</RequestID></Response>`
          : `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${options.xmlns}">${error}<RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
    },
  };
}
