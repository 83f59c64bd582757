import { invalid, required } from '../AwsFault';
import { awsJsonService } from '../protocols/awsJson';

/** An account of the fake organisation. */
export interface FakeOrgAccount {
  Id: string;
  Name: string;
  State?: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED';
  /** The OU (or root) it sits in. */
  parent: string;
  tags?: Record<string, string>;
}

/** Pages a list the way Organizations does (MaxResults, NextToken). */
function paged<T>(
  all: T[],
  input: { NextToken?: string; MaxResults?: number },
) {
  const max = Math.min(input.MaxResults ?? 20, 20);
  const offset = input.NextToken ? Number(input.NextToken) : 0;
  if (!Number.isInteger(offset) || offset < 0) {
    throw invalid('InvalidInputException', 'The NextToken is not valid');
  }
  return {
    page: all.slice(offset, offset + max),
    NextToken: offset + max < all.length ? String(offset + max) : undefined,
  };
}

/**
 * AWS Organizations (JSON 1.1, a global service signed for us-east-1):
 * ListAccounts, ListRoots, ListOrganizationalUnitsForParent,
 * ListAccountsForParent and ListTagsForResource, paged at most 20 at a time
 * as AWS does. Only the management (or delegated administrator) account may
 * call it.
 */
export class FakeOrganizations {
  managementAccount?: string;
  rootId = 'r-fake';
  readonly accounts: FakeOrgAccount[] = [];
  /** OU id → parent id. */
  readonly units = new Map<string, { name: string; parent: string }>();

  private check(account: string) {
    if (!this.managementAccount) {
      throw invalid(
        'AWSOrganizationsNotInUseException',
        'Your account is not a member of an organization.',
      );
    }
    if (account !== this.managementAccount) {
      throw invalid(
        'AccessDeniedException',
        'You don’t have permissions to access this resource.',
      );
    }
  }

  private describe(a: FakeOrgAccount) {
    const state = a.State ?? 'ACTIVE';
    return {
      Id: a.Id,
      Arn: `arn:aws:organizations::${this.managementAccount}:account/o-fake/${a.Id}`,
      Email: `aws+${a.Id}@example.com`,
      Name: a.Name,
      Status: state === 'ACTIVE' ? 'ACTIVE' : 'SUSPENDED',
      State: state,
      JoinedMethod: 'CREATED',
      JoinedTimestamp: new Date('2024-01-01T00:00:00Z'),
    };
  }

  readonly service = awsJsonService({
    signingName: 'organizations',
    iamPrefix: 'organizations',
    targetPrefix: 'AWSOrganizationsV20161128',
    version: '1.1',
    errorNamespace: 'com.amazonaws.organizations',
    codes: { throttling: 'TooManyRequestsException' },
    operations: {
      ListAccounts: (input, context) => {
        this.check(context.accountId);
        const { page, NextToken } = paged(this.accounts, input);
        return { Accounts: page.map(a => this.describe(a)), NextToken };
      },
      ListRoots: (_input, context) => {
        this.check(context.accountId);
        return { Roots: [{ Id: this.rootId, Name: 'Root' }] };
      },
      ListOrganizationalUnitsForParent: (input, context) => {
        this.check(context.accountId);
        const parent = required(input.ParentId, 'parentId');
        const children = [...this.units.entries()]
          .filter(([, u]) => u.parent === parent)
          .map(([Id, u]) => ({ Id, Name: u.name }));
        const { page, NextToken } = paged(children, input);
        return { OrganizationalUnits: page, NextToken };
      },
      ListAccountsForParent: (input, context) => {
        this.check(context.accountId);
        const parent = required(input.ParentId, 'parentId');
        if (parent !== this.rootId && !this.units.has(parent)) {
          throw invalid('ParentNotFoundException', `No parent ${parent}`);
        }
        const { page, NextToken } = paged(
          this.accounts.filter(a => a.parent === parent),
          input,
        );
        return { Accounts: page.map(a => this.describe(a)), NextToken };
      },
      ListTagsForResource: (input, context) => {
        this.check(context.accountId);
        const account = this.accounts.find(a => a.Id === input.ResourceId);
        if (!account) {
          throw invalid(
            'TargetNotFoundException',
            `No account ${input.ResourceId}`,
          );
        }
        const tags = Object.entries(account.tags ?? {}).map(([Key, Value]) => ({
          Key,
          Value,
        }));
        const { page, NextToken } = paged(tags, input);
        return { Tags: page, NextToken };
      },
    },
  });
}
