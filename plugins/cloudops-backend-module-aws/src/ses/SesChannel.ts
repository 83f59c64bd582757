import { CHAT_ANNOTATIONS } from '@cloudops-ai/backstage-plugin-cloudops-common';
import {
  ActionDeliveryRequest,
  ActionDeliveryResult,
  CloudopsActionChannel,
  DeliveryError,
} from '@cloudops-ai/backstage-plugin-cloudops-node';
import { AwsModuleOptions } from '../options';
import { incidentEmail } from './incidentEmail';
import { SesMailer } from './SesMailer';

/** The channel's id: rules say `notify: {channel: ses, target: <list or addresses>}`. */
export const SES_CHANNEL_ID = 'ses';

const ADDRESS = /^[^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+$/;

/**
 * Amazon SES v2 email (`ses`): an HTML email per delivery (see
 * {@link incidentEmail}) to the target: a list of
 * `cloudops.aws.ses.lists`, comma-separated addresses, or the team's
 * `cloudops.ai/email`; `cloudops.aws.ses.defaultTarget` otherwise.
 */
export class SesChannel implements CloudopsActionChannel {
  readonly id = SES_CHANNEL_ID;
  readonly kinds = ['notify' as const];
  readonly ownerTargetAnnotation = CHAT_ANNOTATIONS.email;

  constructor(
    private readonly deps: {
      mailer: SesMailer;
      options: NonNullable<AwsModuleOptions['ses']>;
    },
  ) {}

  private recipients(target: string | undefined): string[] {
    const { lists, defaultTarget } = this.deps.options;
    const name = target ?? defaultTarget;
    if (!name) {
      throw new DeliveryError(
        'No email recipients: the rule names no target, the team has no cloudops.ai/email and cloudops.aws.ses.defaultTarget is not set',
        { retryable: false },
      );
    }
    if (lists[name]) return lists[name];
    const addresses = name
      .split(',')
      .map(a => a.trim())
      .filter(Boolean);
    const invalid = addresses.filter(a => !ADDRESS.test(a));
    if (addresses.length === 0 || invalid.length > 0) {
      throw new DeliveryError(
        `"${name}" is neither a list of cloudops.aws.ses.lists (have: ${
          Object.keys(lists).join(', ') || 'none'
        }) nor email addresses`,
        { retryable: false },
      );
    }
    return addresses;
  }

  async deliver(request: ActionDeliveryRequest): Promise<ActionDeliveryResult> {
    const to = this.recipients(request.target);
    const messageId = await this.deps.mailer.send(
      { ...incidentEmail(request), to },
      request.signal,
    );
    return { result: { sesMessageId: messageId } };
  }
}
