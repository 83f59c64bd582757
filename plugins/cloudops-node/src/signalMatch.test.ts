import {
  compileLabelMatchers,
  compileSignalMatch,
  compileStringMatcher,
} from './signalMatch';
import { Signal } from '@cloudops-ai/backstage-plugin-cloudops-common';

describe('compileStringMatcher', () => {
  it('matches one value exactly', () => {
    const test = compileStringMatcher('KubeNodeNotReady');
    expect(test('KubeNodeNotReady')).toBe(true);
    expect(test('kubenodenotready')).toBe(false);
    expect(test(undefined)).toBe(false);
  });

  it('matches any value of a list', () => {
    const test = compileStringMatcher(['us-east-1', 'eu-west-1']);
    expect(test('eu-west-1')).toBe(true);
    expect(test('us-west-2')).toBe(false);
    expect(test(undefined)).toBe(false);
  });

  it('matches a regular expression against the whole value', () => {
    const test = compileStringMatcher({ regex: 'Kube(Pod|Node).*' });
    expect(test('KubePodCrashLooping')).toBe(true);
    expect(test('xKubePodCrashLooping')).toBe(false);
    expect(test('KubeJobFailed')).toBe(false);
    expect(test(undefined)).toBe(false);
  });
});

describe('compileLabelMatchers', () => {
  it('tests equality', () => {
    const test = compileLabelMatchers({ severity: 'critical' });
    expect(test({ severity: 'critical' })).toBe(true);
    expect(test({ severity: 'warning' })).toBe(false);
    expect(test({})).toBe(false);
  });

  it('tests a regular expression', () => {
    const test = compileLabelMatchers({ namespace: { regex: 'shop-.+' } });
    expect(test({ namespace: 'shop-prod' })).toBe(true);
    expect(test({ namespace: 'shop-' })).toBe(false);
    expect(test({})).toBe(false);
  });

  it('tests inequality, which a missing label passes', () => {
    const test = compileLabelMatchers({ canary: { not: 'true' } });
    expect(test({ canary: 'false' })).toBe(true);
    expect(test({})).toBe(true);
    expect(test({ canary: 'true' })).toBe(false);
  });

  it('tests presence and absence', () => {
    const present = compileLabelMatchers({ pod: { exists: true } });
    const absent = compileLabelMatchers({ pod: { exists: false } });
    expect(present({ pod: '' })).toBe(true);
    expect(present({})).toBe(false);
    expect(absent({})).toBe(true);
    expect(absent({ pod: 'cart-0' })).toBe(false);
  });

  it('does not see inherited properties as labels', () => {
    const test = compileLabelMatchers({ toString: { exists: false } });
    expect(test({})).toBe(true);
  });

  it('needs every matcher to hold', () => {
    const test = compileLabelMatchers({ a: '1', b: { exists: true } });
    expect(test({ a: '1', b: 'x' })).toBe(true);
    expect(test({ a: '1' })).toBe(false);
    expect(test({ a: '2', b: 'x' })).toBe(false);
  });
});

describe('compileSignalMatch', () => {
  const signal: Signal = {
    source: 'alertmanager',
    kind: 'alert',
    name: 'KubePodCrashLooping',
    status: 'firing',
    timestamp: '2026-01-01T00:00:00.000Z',
    fingerprint: 'f',
    account: '111111111111',
    region: 'us-east-1',
    labels: { severity: 'critical', namespace: 'shop' },
  };

  it('matches everything when empty', () => {
    expect(compileSignalMatch({})(signal)).toBe(true);
  });

  it('needs every given field to hold', () => {
    const match = compileSignalMatch({
      kind: 'alert',
      source: ['alertmanager', 'prometheus'],
      name: { regex: 'KubePod.*' },
      account: '111111111111',
      region: ['us-east-1'],
      labels: { severity: 'critical' },
    });
    expect(match(signal)).toBe(true);
    expect(match({ ...signal, kind: 'event' })).toBe(false);
    expect(match({ ...signal, source: 'cloudwatch' })).toBe(false);
    expect(match({ ...signal, name: 'KubeNodeNotReady' })).toBe(false);
    expect(match({ ...signal, account: '222222222222' })).toBe(false);
    expect(match({ ...signal, region: undefined })).toBe(false);
    expect(match({ ...signal, labels: { severity: 'warning' } })).toBe(false);
  });

  it('matches a single source', () => {
    const match = compileSignalMatch({ source: 'prometheus' });
    expect(
      match({ ...signal, source: 'prometheus', kind: 'metric', name: 'cpu' }),
    ).toBe(true);
    expect(match(signal)).toBe(false);
  });
});
