import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { AwsFault } from './AwsFault';

/** What the Authorization header of a SigV4-signed request says. */
export interface SignedScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

/** Parses a SigV4 Authorization header; undefined when it is not one. */
export function parseAuthorization(
  header: string | undefined,
): SignedScope | undefined {
  const match = header ? AUTHORIZATION.exec(header) : null;
  if (!match) {
    return undefined;
  }
  const [, accessKeyId, date, region, service, headers, signature] = match;
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: headers.split(';'),
    signature,
  };
}

/** `20261123T101500Z` → Date. */
function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m
    ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]))
    : undefined;
}

/**
 * Verifies a request's signature by signing it again with the SDK's own
 * `SignatureV4` and the secret the fake issued for the key: any difference in
 * the canonical request (a header, the path, the query, the body) fails.
 */
export async function verifySignature(options: {
  scope: SignedScope;
  secretAccessKey: string;
  sessionToken?: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: Buffer;
  port: number;
}): Promise<void> {
  const { scope, headers } = options;
  const amzDate = headers['x-amz-date'];
  const signingDate = amzDate ? parseAmzDate(amzDate) : undefined;
  if (!signingDate || !amzDate.startsWith(scope.date)) {
    throw new AwsFault(
      400,
      'IncompleteSignature',
      'The request must contain a valid X-Amz-Date matching the credential scope',
    );
  }
  if (Math.abs(Date.now() - signingDate.getTime()) > 15 * 60 * 1000) {
    throw new AwsFault(
      403,
      'InvalidSignatureException',
      'Signature expired: the request time is more than 15 minutes from now',
    );
  }
  const signedHeaders: Record<string, string> = {};
  for (const name of scope.signedHeaders) {
    if (headers[name] === undefined) {
      throw new AwsFault(
        403,
        'SignatureDoesNotMatch',
        `Signed header ${name} is missing`,
      );
    }
    signedHeaders[name] = headers[name];
  }
  const signer = new SignatureV4({
    service: scope.service,
    region: scope.region,
    credentials: {
      accessKeyId: scope.accessKeyId,
      secretAccessKey: options.secretAccessKey,
      sessionToken: options.sessionToken,
    },
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: options.method,
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: options.port,
      path: options.path,
      query: options.query,
      headers: signedHeaders,
      body: options.body,
    },
    { signingDate },
  );
  const expected = parseAuthorization(signed.headers.authorization);
  if (
    expected?.signature !== scope.signature ||
    expected.signedHeaders.join(';') !== scope.signedHeaders.join(';')
  ) {
    throw new AwsFault(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided',
    );
  }
}
