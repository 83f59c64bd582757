import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { AwsClients } from '../clients/AwsClients';
import { asDeliveryError } from '../clients/deliveryErrors';
import { AwsModuleOptions } from '../options';

/** An email to send through SES. */
export interface OutgoingEmail {
  to: string[];
  subject: string;
  html: string;
  text: string;
  /** Extra headers (threading: `In-Reply-To`, `References`). */
  headers?: Array<{ name: string; value: string }>;
  attachments?: Array<{
    fileName: string;
    contentType: string;
    content: Uint8Array;
  }>;
  /** SES message tags, for event destinations of the configuration set. */
  tags?: Record<string, string>;
}

/** SES v2 refusals no retry can fix. */
const PERMANENT = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'AccountSuspendedException',
  'SendingPausedException',
  'BadRequestException',
  'NotFoundException',
]);

/** SES tag values: letters, digits, `_`, `-`, `.`, `@`, at most 256. */
const tagValue = (value: string) =>
  value.replace(/[^A-Za-z0-9_.@-]/g, '_').slice(0, 256);

/**
 * Sends HTML emails (with a text part, headers and attachments) through the
 * SES v2 API in the configured account and region, with the configured
 * sender and configuration set.
 */
export class SesMailer {
  constructor(
    private readonly deps: {
      clients: AwsClients;
      options: NonNullable<AwsModuleOptions['ses']>;
    },
  ) {}

  /** Sends one email; resolves to SES's message id. */
  async send(email: OutgoingEmail, signal?: AbortSignal): Promise<string> {
    const { options } = this.deps;
    try {
      const sent = await this.deps.clients.call(
        { account: options.accountId, region: options.region },
        SESv2Client,
        client =>
          client.send(
            new SendEmailCommand({
              FromEmailAddress: options.from,
              Destination: { ToAddresses: email.to },
              ConfigurationSetName: options.configurationSet,
              EmailTags: Object.entries(email.tags ?? {}).map(
                ([Name, Value]) => ({ Name, Value: tagValue(Value) }),
              ),
              Content: {
                Simple: {
                  Subject: { Data: email.subject, Charset: 'UTF-8' },
                  Body: {
                    Html: { Data: email.html, Charset: 'UTF-8' },
                    Text: { Data: email.text, Charset: 'UTF-8' },
                  },
                  Headers: email.headers?.map(h => ({
                    Name: h.name,
                    Value: h.value,
                  })),
                  Attachments: email.attachments?.map(a => ({
                    FileName: a.fileName,
                    ContentType: a.contentType,
                    ContentDisposition: 'ATTACHMENT',
                    RawContent: a.content,
                  })),
                },
              },
            }),
            { abortSignal: signal },
          ),
        signal,
      );
      return sent.MessageId ?? '';
    } catch (error) {
      throw asDeliveryError('SES', error, PERMANENT);
    }
  }
}
