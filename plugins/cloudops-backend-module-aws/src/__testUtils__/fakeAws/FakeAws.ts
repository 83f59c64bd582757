import { randomUUID } from 'node:crypto';
import http, { IncomingHttpHeaders } from 'node:http';
import http2 from 'node:http2';
import net, { AddressInfo, Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { AwsFault } from './AwsFault';
import { FaultRule, Faults } from './faults';
import { FakeIdentities, Identity } from './FakeIdentities';
import { parseAuthorization, verifySignature } from './sigv4';
import { FakeRequest, FakeResponse, FakeService } from './types';
import { FakeBedrockRuntime } from './services/bedrockRuntime';
import { FakeCloudWatch } from './services/cloudwatch';
import { FakeCloudWatchLogs } from './services/logs';
import { FakeCostExplorer } from './services/costExplorer';
import { FakeEc2 } from './services/ec2';
import { FakeEcs } from './services/ecs';
import { FakeElbv2 } from './services/elbv2';
import { FakePricing } from './services/pricing';
import { FakeRds } from './services/rds';
import { FakeOrganizations } from './services/organizations';
import { FakeSns } from './services/sns';
import { FakeSqs } from './services/sqs';
import { FakeSsm } from './services/ssm';
import { FakeSts } from './services/sts';

/** One call the fake answered, for assertions and benchmarks. */
export interface CallRecord {
  service: string;
  operation: string;
  account: string;
  region: string;
  /** The key that signed the call. */
  accessKeyId: string;
  status: number;
  code?: string;
  /** Epoch ms: when the request arrived and when it was answered. */
  startedAt: number;
  endedAt?: number;
}

const HTTP2_PREFACE = 'PRI * HTTP/2.0';

function lowerCaseHeaders(
  headers: IncomingHttpHeaders,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !name.startsWith(':')) {
      result[name.toLowerCase()] = Array.isArray(value)
        ? value.join(',')
        : value;
    }
  }
  // HTTP/2 carries the host as :authority, and the SDK signs it so.
  const authority = headers[':authority'];
  if (typeof authority === 'string') {
    result[':authority'] = authority;
    result.host ??= authority;
  }
  return result;
}

function parseQuery(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(search)) {
    const existing = query[name];
    query[name] =
      existing === undefined
        ? value
        : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return query;
}

function actionOf(fault: string, action: string) {
  return (
    fault === '*' || fault === action || fault === `${action.split(':')[0]}:*`
  );
}

/** A duplex stream over `socket` that first yields `first`. */
function replaying(socket: Socket, first: Buffer): Duplex {
  const stream = new Duplex({
    read() {
      socket.resume();
    },
    write(data, encoding, callback) {
      socket.write(data, encoding, callback);
    },
    final(callback) {
      socket.end();
      callback();
    },
    destroy(error, callback) {
      socket.destroy(error ?? undefined);
      callback(error);
    },
  });
  stream.push(first);
  socket.on('data', data => {
    if (!stream.push(data)) socket.pause();
  });
  socket.on('end', () => stream.push(null));
  socket.on('error', error => stream.destroy(error));
  return stream;
}

/**
 * A protocol-faithful local fake of the AWS services CloudOps calls, for
 * tests and benchmarks: the real SDK v3 clients talk to it over HTTP/1.1 (and
 * HTTP/2 cleartext for Bedrock Runtime) at `endpoint`, every request's SigV4
 * signature is verified with the SDK's own signer against the credentials the
 * fake issued, STS AssumeRole hands out per-account temporary credentials,
 * and faults (latency, throttling, server errors, denied actions, expired
 * sessions) can be injected.
 *
 * Each service lives in `services/<name>.ts` and speaks its protocol through
 * `protocols/`; to add one, write its file and list it in `services` below.
 */
export class FakeAws {
  readonly identities = new FakeIdentities();
  readonly faults = new Faults();
  readonly calls: CallRecord[] = [];
  /** Delay before every answer, ms. */
  latencyMs = 0;

  readonly sts = new FakeSts(this.identities);
  readonly cloudwatch = new FakeCloudWatch();
  readonly logs = new FakeCloudWatchLogs();
  readonly organizations = new FakeOrganizations();
  readonly sqs = new FakeSqs();
  readonly ssm = new FakeSsm();
  readonly sns = new FakeSns();
  readonly ec2 = new FakeEc2();
  readonly costExplorer = new FakeCostExplorer();
  readonly bedrock = new FakeBedrockRuntime();
  readonly ecs = new FakeEcs();
  readonly elbv2 = new FakeElbv2();
  readonly rds = new FakeRds();
  readonly pricing = new FakePricing();

  private readonly services = new Map<string, FakeService>(
    [
      this.sts,
      this.cloudwatch,
      this.logs,
      this.organizations,
      this.sqs,
      this.ssm,
      this.sns,
      this.ec2,
      this.costExplorer,
      this.bedrock,
      this.ecs,
      this.elbv2,
      this.rds,
      this.pricing,
    ].map(s => [s.service.signingName, s.service]),
  );
  private readonly denied: Array<{ account: string; action: string }> = [];
  private readonly stopping = new AbortController();
  private server?: net.Server;
  private readonly sockets = new Set<Socket>();
  private port = 0;

  /** Starts listening on 127.0.0.1 (a free port unless given). */
  static async start(options: { port?: number } = {}): Promise<FakeAws> {
    const fake = new FakeAws();
    await fake.listen(options.port ?? 0);
    return fake;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /**
   * The environment that points every SDK client of this process at the
   * fake: the SDK's own `AWS_ENDPOINT_URL` setting, which also reaches the
   * STS clients that credential providers create.
   */
  environment(): Record<string, string> {
    return { AWS_ENDPOINT_URL: this.endpoint };
  }

  /**
   * Adds an account with a role that `trusted` (the caller's account) may
   * assume; `trust: 'deny'` makes AssumeRole refuse.
   */
  addAccount(
    accountId: string,
    role: { name: string; externalId?: string; trust?: 'allow' | 'deny' },
  ) {
    this.identities.addRole({ accountId, ...role });
  }

  /** Denies an IAM action (`cloudwatch:GetMetricData`, `logs:*`, `*`) in an account. */
  deny(account: string, action: string) {
    this.denied.push({ account, action });
  }

  injectFault(rule: FaultRule) {
    this.faults.add(rule);
  }

  /** Calls recorded so far that match. */
  callsTo(service: string, operation?: string, account?: string): CallRecord[] {
    return this.calls.filter(
      c =>
        c.service === service &&
        (!operation || c.operation === operation) &&
        (!account || c.account === account),
    );
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>(resolve =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private async listen(port: number) {
    const http1 = http.createServer((req, res) => this.onRequest(req, res));
    const h2c = http2.createServer((req, res) => this.onRequest(req, res));
    // One port for both: HTTP/2 with prior knowledge (h2c) starts with its
    // connection preface, anything else is HTTP/1.1.
    this.server = net.createServer(socket => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.once('data', (chunk: Buffer) => {
        if (chunk.toString('latin1').startsWith(HTTP2_PREFACE)) {
          // HTTP/2 reads the socket natively, past a chunk already read: hand
          // it a stream that replays the chunk, then relays the socket.
          h2c.emit('connection', replaying(socket, chunk));
        } else {
          socket.pause();
          socket.unshift(chunk);
          http1.emit('connection', socket);
          socket.resume();
        }
      });
    });
    await new Promise<void>(resolve =>
      this.server!.listen(port, '127.0.0.1', () => resolve()),
    );
    this.port = (this.server.address() as AddressInfo).port;
  }

  private async onRequest(
    req: http.IncomingMessage | http2.Http2ServerRequest,
    res: http.ServerResponse | http2.Http2ServerResponse,
  ) {
    const startedAt = Date.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const request: FakeRequest = {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0],
      query: parseQuery(url.search),
      headers: lowerCaseHeaders(req.headers),
      body: Buffer.concat(chunks),
    };
    if (this.latencyMs > 0) {
      await new Promise(r => setTimeout(r, this.latencyMs));
    }
    const { response, record } = await this.answer(request, startedAt);
    if (record) record.endedAt = Date.now();
    if (res.destroyed) return;
    (res as http.ServerResponse).writeHead(response.status, {
      ...response.headers,
      'content-length': String(Buffer.byteLength(response.body)),
    });
    res.end(response.body);
  }

  private async answer(
    request: FakeRequest,
    startedAt: number,
  ): Promise<{ response: FakeResponse; record?: CallRecord }> {
    const requestId = randomUUID();
    const scope = parseAuthorization(request.headers.authorization);
    const service = scope ? this.services.get(scope.service) : undefined;
    if (!scope || !service) {
      return {
        response: {
          status: 403,
          headers: { 'content-type': 'text/plain' },
          body: scope
            ? `The fake has no service signed as "${scope.service}"`
            : 'Missing or malformed SigV4 Authorization header',
        },
      };
    }
    const operation = service.operation(request) ?? 'Unknown';
    const record: CallRecord = {
      service: service.signingName,
      operation,
      account: '',
      region: scope.region,
      accessKeyId: scope.accessKeyId,
      status: 200,
      startedAt,
    };
    this.calls.push(record);
    try {
      const identity = await this.authenticate(service, scope, request);
      record.account = identity.accountId;
      const fault = this.faults.decide({
        service: service.signingName,
        operation,
        account: identity.accountId,
      });
      if (fault === 'throttle') {
        throw new AwsFault(
          service.codes.throttlingStatus ?? 400,
          service.codes.throttling,
          'Rate exceeded',
        );
      }
      if (fault === 'server-error') {
        throw new AwsFault(
          500,
          'InternalFailure',
          'The request processing has failed because of an unknown error',
        );
      }
      const action = `${service.iamPrefix}:${operation}`;
      if (
        this.denied.some(
          d => d.account === identity.accountId && actionOf(d.action, action),
        )
      ) {
        throw new AwsFault(
          403,
          service.codes.accessDenied,
          `User: ${identity.arn} is not authorized to perform: ${action}`,
        );
      }
      const response = await service.handle(operation, request, {
        identity,
        accountId: identity.accountId,
        region: scope.region,
        requestId,
        signal: this.stopping.signal,
        endpoint: this.endpoint,
      });
      record.status = response.status;
      return { response, record };
    } catch (error) {
      const fault =
        error instanceof AwsFault
          ? error
          : new AwsFault(500, 'InternalFailure', String(error));
      record.status = fault.status;
      record.code = fault.code;
      return { response: service.error(fault, requestId), record };
    }
  }

  private async authenticate(
    service: FakeService,
    scope: NonNullable<ReturnType<typeof parseAuthorization>>,
    request: FakeRequest,
  ): Promise<Identity> {
    const identity = this.identities.authenticate(
      scope.accessKeyId,
      request.headers['x-amz-security-token'],
      service.codes,
    );
    await verifySignature({
      scope,
      secretAccessKey: identity.secretAccessKey,
      sessionToken: identity.sessionToken,
      method: request.method,
      path: request.path,
      query: request.query,
      headers: request.headers,
      body: request.body,
      port: this.port,
    });
    return identity;
  }
}
