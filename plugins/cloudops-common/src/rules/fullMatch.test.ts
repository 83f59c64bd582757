import { fullMatch } from './fullMatch';

describe('fullMatch', () => {
  it('matches the whole value only', () => {
    const regex = fullMatch('Kube.*Ready');
    expect(regex.test('KubeNodeNotReady')).toBe(true);
    expect(regex.test('xKubeNodeNotReady')).toBe(false);
    expect(regex.test('KubeNodeNotReadyx')).toBe(false);
  });

  it('anchors every alternative', () => {
    const regex = fullMatch('a|b');
    expect(regex.test('a')).toBe(true);
    expect(regex.test('ab')).toBe(false);
  });

  it('rejects patterns that only compile inside the anchoring group', () => {
    expect(() => fullMatch('a)|(b')).toThrow(SyntaxError);
    expect(() => fullMatch('(')).toThrow(SyntaxError);
  });
});
