import { randomBytes } from 'node:crypto';
import { AwsFault } from './AwsFault';

/** Who signed a request: the key's account and principal. */
export interface Identity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  accountId: string;
  arn: string;
  /** Epoch ms; temporary credentials only. */
  expiresAt?: number;
  /** Set when the key can no longer be used although it has not expired. */
  revoked?: boolean;
  /** For assumed-role sessions: the key that assumed the role. */
  assumedBy?: string;
}

/** A role that can be assumed in an account of the fake. */
export interface FakeRole {
  accountId: string;
  name: string;
  /** When set, AssumeRole must pass this ExternalId. */
  externalId?: string;
  /** `deny` makes the role's trust policy refuse every caller. */
  trust?: 'allow' | 'deny';
}

const key = (prefix: string) =>
  `${prefix}${randomBytes(8).toString('hex').toUpperCase()}`;

/**
 * The credentials the fake knows: long-lived keys of principals and the
 * temporary ones STS hands out, with roles to assume and their trust.
 */
export class FakeIdentities {
  private readonly keys = new Map<string, Identity>();
  private readonly roles = new Map<string, FakeRole>();
  /** Lifetime of assumed-role credentials, ms (STS's default is an hour). */
  sessionDurationMs = 60 * 60 * 1000;

  /** Adds a long-lived access key (an IAM user's) and returns it. */
  addUser(accountId: string, name = 'backstage'): Identity {
    const identity: Identity = {
      accessKeyId: key('AKIA'),
      secretAccessKey: randomBytes(20).toString('base64'),
      accountId,
      arn: `arn:aws:iam::${accountId}:user/${name}`,
    };
    this.keys.set(identity.accessKeyId, identity);
    return identity;
  }

  addRole(role: FakeRole): void {
    this.roles.set(this.roleArn(role.accountId, role.name), role);
  }

  roleArn(accountId: string, name: string): string {
    return `arn:aws:iam::${accountId}:role/${name}`;
  }

  /** Every temporary credential issued for a role so far. */
  sessions(accountId?: string): Identity[] {
    return [...this.keys.values()].filter(
      i => i.sessionToken && (!accountId || i.accountId === accountId),
    );
  }

  /** Makes every session of an account fail as expired from now on. */
  expireSessions(accountId: string): void {
    for (const identity of this.sessions(accountId)) {
      identity.revoked = true;
    }
  }

  /** The identity of a key, without checks (for assertions). */
  find(accessKeyId: string): Identity | undefined {
    return this.keys.get(accessKeyId);
  }

  /** The identity behind a key, checked as AWS checks it. */
  authenticate(
    accessKeyId: string,
    sessionToken: string | undefined,
    codes: { invalidToken: string; expired: string },
  ): Identity {
    const identity = this.keys.get(accessKeyId);
    if (!identity || identity.sessionToken !== sessionToken) {
      throw new AwsFault(
        403,
        codes.invalidToken,
        'The security token included in the request is invalid.',
      );
    }
    if (
      identity.revoked ||
      (identity.expiresAt !== undefined && identity.expiresAt <= Date.now())
    ) {
      throw new AwsFault(
        400,
        codes.expired,
        'The security token included in the request is expired',
      );
    }
    return identity;
  }

  /** STS AssumeRole: temporary credentials for the role, if it trusts the caller. */
  assumeRole(
    caller: Identity,
    request: { roleArn: string; sessionName: string; externalId?: string },
  ): Identity {
    const role = this.roles.get(request.roleArn);
    const denied = () =>
      new AwsFault(
        403,
        'AccessDenied',
        `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${request.roleArn}`,
      );
    if (!role || role.trust === 'deny') {
      throw denied();
    }
    if (
      role.externalId !== undefined &&
      role.externalId !== request.externalId
    ) {
      throw denied();
    }
    const identity: Identity = {
      accessKeyId: key('ASIA'),
      secretAccessKey: randomBytes(20).toString('base64'),
      sessionToken: randomBytes(32).toString('base64'),
      accountId: role.accountId,
      arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${request.sessionName}`,
      expiresAt: Date.now() + this.sessionDurationMs,
      assumedBy: caller.accessKeyId,
    };
    this.keys.set(identity.accessKeyId, identity);
    return identity;
  }
}
