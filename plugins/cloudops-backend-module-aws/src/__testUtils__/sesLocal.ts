import { AddressInfo } from 'node:net';
import startSesServer from 'aws-ses-v2-local';

/** An email as aws-ses-v2-local stores it (`GET /store`). */
export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: Array<{
    content: string;
    contentType: string;
    filename?: string;
    size: number;
  }>;
  headers?: Array<{ name: string; value: string }>;
}

/**
 * aws-ses-v2-local, a real SES v2 emulator, on a free port, with this
 * process's SES v2 clients pointed at it (`AWS_ENDPOINT_URL_SESV2`, the
 * SDK's per-service endpoint setting). Its store is per process: `clear`
 * between tests.
 */
export async function startSesLocal() {
  const server = await startSesServer({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const previous = process.env.AWS_ENDPOINT_URL_SESV2;
  process.env.AWS_ENDPOINT_URL_SESV2 = url;
  return {
    url,
    async emails(): Promise<StoredEmail[]> {
      const response = await fetch(`${url}/store`);
      return (await response.json()).emails;
    },
    async clear() {
      await fetch(`${url}/clear-store`, { method: 'POST' });
    },
    async stop() {
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_SESV2;
      else process.env.AWS_ENDPOINT_URL_SESV2 = previous;
      server.closeAllConnections?.();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}
