import {
  AwsTestEnvironment,
  MAIN_ACCOUNT,
  startAwsTestEnvironment,
} from '../__testUtils__/awsTestEnvironment';
import { shardOf, shardsOf } from './accountShards';
import { AwsAccounts } from './AwsAccounts';
import { OrganizationsAccounts } from './OrganizationsAccounts';

const id = (n: number) => String(100000000000 + n);

describe('AwsAccounts', () => {
  let env: AwsTestEnvironment;
  beforeEach(async () => {
    env = await startAwsTestEnvironment([]);
    const org = env.fake.organizations;
    org.managementAccount = MAIN_ACCOUNT;
    org.units.set('ou-prod', { name: 'Production', parent: org.rootId });
    org.units.set('ou-prod-eu', { name: 'EU', parent: 'ou-prod' });
    org.units.set('ou-sandbox', { name: 'Sandbox', parent: org.rootId });
    for (let n = 0; n < 45; n++) {
      org.accounts.push({
        Id: id(n),
        Name: `account-${n}`,
        parent: ['ou-prod', 'ou-prod-eu', 'ou-sandbox'][
          Math.min(2, Math.floor(n / 10))
        ],
        State: n === 3 ? 'SUSPENDED' : 'ACTIVE',
        tags: n % 2 === 0 ? { cloudops: 'enabled' } : {},
      });
    }
  });
  afterEach(() => env.stop());

  const discovery = (fields: object = {}) => ({
    organizationalUnits: [],
    tags: {},
    excludeAccounts: [],
    refreshMs: 60 * 60_000,
    ...fields,
  });

  function accounts(
    fields: object = {},
    configured = [{ accountId: '555555555555', regions: ['eu-west-1'] }],
  ) {
    const organizations = discovery(fields);
    return new AwsAccounts(
      {
        accounts: configured,
        regions: ['us-east-1'],
        accountsPerShard: 1,
        organizations,
      },
      new OrganizationsAccounts(env.clients(), organizations),
    );
  }

  it('lists every active account of the organisation, page by page, with configured ones', async () => {
    const list = await accounts().list();
    expect(list).toHaveLength(45);
    expect(list.find(a => a.accountId === id(3))).toBeUndefined();
    expect(list.find(a => a.accountId === '555555555555')).toEqual({
      accountId: '555555555555',
      regions: ['eu-west-1'],
    });
    expect(list.find(a => a.accountId === id(0))?.regions).toEqual([
      'us-east-1',
    ]);
    expect(env.fake.callsTo('organizations', 'ListAccounts')).toHaveLength(3);
  });

  it('keeps accounts under the given units (nested ones too) that carry the tags, minus exclusions', async () => {
    const list = await accounts(
      {
        organizationalUnits: ['ou-prod'],
        tags: { cloudops: 'enabled' },
        excludeAccounts: [id(18)],
      },
      [],
    ).list();
    expect(list.map(a => a.accountId)).toEqual(
      [0, 2, 4, 6, 8, 10, 12, 14, 16].map(id),
    );
  });

  it('reuses a listing until it is due, and fails the listing when Organizations refuses', async () => {
    const subject = accounts();
    await subject.shards();
    await subject.shards();
    expect(env.fake.callsTo('organizations', 'ListAccounts')).toHaveLength(3);

    env.fake.organizations.managementAccount = '123456789012';
    const fresh = accounts({ refreshMs: 0 });
    await expect(fresh.list()).rejects.toThrow(/AccessDeniedException/);
  });

  it('maps accounts to shards: one each, or stable hashed groups', async () => {
    const subject = accounts();
    const shards = await subject.shards();
    expect(shards).toHaveLength(45);
    expect(subject.accountsOf(id(7))).toEqual([
      { accountId: id(7), regions: ['us-east-1'] },
    ]);

    const ids = Array.from({ length: 100 }, (_, n) => id(n));
    const groups = shardsOf(ids, 30);
    expect(groups).toEqual([
      'accounts-1-of-4',
      'accounts-2-of-4',
      'accounts-3-of-4',
      'accounts-4-of-4',
    ]);
    expect(shardOf(id(42), 30, 100)).toBe(shardOf(id(42), 30, 95));
  });
});
