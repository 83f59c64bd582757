import { ServerOptions } from '../config';
import { callServer, ServerError } from '../http/callServer';

/** A matcher of an Alertmanager silence. */
export interface SilenceMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual?: boolean;
}

export interface Silence {
  id: string;
  status: { state: 'active' | 'pending' | 'expired' };
  matchers: SilenceMatcher[];
  createdBy: string;
  comment: string;
  startsAt: string;
  endsAt: string;
}

const TIMEOUT_MS = 10_000;
const MAX_BYTES = 8 * 1024 * 1024;

/** The parts of Alertmanager's API v2 that CloudOps uses: silences. */
export class AlertmanagerClient {
  private readonly what: string;

  constructor(
    readonly cluster: string,
    private readonly server: ServerOptions,
  ) {
    this.what = `Alertmanager of cluster ${cluster} (${server.url})`;
  }

  /** Creates a silence; resolves with its id. */
  async createSilence(silence: Omit<Silence, 'id' | 'status'>) {
    const body = await this.call('POST', '/api/v2/silences', silence);
    return (body as { silenceID: string }).silenceID;
  }

  async listSilences(): Promise<Silence[]> {
    return (await this.call('GET', '/api/v2/silences')) as Silence[];
  }

  async expireSilence(id: string): Promise<void> {
    await this.call('DELETE', `/api/v2/silence/${encodeURIComponent(id)}`);
  }

  private async call(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    json?: unknown,
  ): Promise<unknown> {
    const { status, body } = await callServer(this.server, this.what, {
      method,
      path,
      json,
      timeoutMs: TIMEOUT_MS,
      maxBytes: MAX_BYTES,
    });
    if (status >= 300) {
      throw new ServerError(
        `${this.what} answered ${status} to ${method} ${path}: ${body.slice(
          0,
          300,
        )}`,
        status >= 500 ? 'server' : 'rejected',
      );
    }
    try {
      return body ? JSON.parse(body) : undefined;
    } catch {
      throw new ServerError(
        `${this.what} answered ${method} ${path} with a body that is not JSON`,
        'server',
      );
    }
  }
}
