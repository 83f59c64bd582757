import { Signal } from '../signal';
import { parseTemplate, renderTemplate } from './templates';
import { Rule } from './types';

const rule: Rule = {
  id: 'k8s-crashloop',
  match: {},
  condition: { type: 'firing' },
  severity: 'critical',
};

const signal: Signal = {
  source: 'alertmanager',
  kind: 'alert',
  name: 'KubePodCrashLooping',
  timestamp: '2026-01-01T00:00:00.000Z',
  value: 3,
  status: 'firing',
  account: 'prod-eks',
  region: 'us-east-1',
  resource: 'shop/cart-0',
  labels: {
    namespace: 'shop',
    pod: 'cart-0',
    'app.kubernetes.io/name': 'cart',
  },
  message: 'Pod is restarting',
  fingerprint: 'fp-1',
};

function render(template: string, entityRef?: string) {
  const parsed = parseTemplate(template);
  if (!parsed.parts) {
    throw new Error(parsed.error);
  }
  return renderTemplate(parsed.parts, { rule, signal, entityRef });
}

describe('templates', () => {
  it('fills in every root', () => {
    expect(
      render(
        '{{rule.id}}|{{rule.severity}}|{{source}}|{{kind}}|{{name}}|{{account}}|{{region}}|{{resource}}|{{value}}|{{status}}|{{fingerprint}}|{{message}}|{{labels.pod}}|{{entity}}',
        'component:default/cart',
      ),
    ).toBe(
      'k8s-crashloop|critical|alertmanager|alert|KubePodCrashLooping|prod-eks|us-east-1|shop/cart-0|3|firing|fp-1|Pod is restarting|cart-0|component:default/cart',
    );
  });

  it.each([
    [3, '{{value}}', '3'],
    [97.6349, 'CPU {{value}}%', 'CPU 97.6%'],
    [0.145476, '{{value}} of requests', '0.145 of requests'],
    [0.145476, '{{ value | percent }} of requests', '14.5% of requests'],
    [1, '{{value|percent}}', '100%'],
    [123456.7, '{{value}} bytes', '123457 bytes'],
    [-0.00123456, '{{value}}', '-0.00123'],
  ])('shows %p in %j as %j for reading', (value, template, shown) => {
    const parsed = parseTemplate(template);
    expect(
      renderTemplate(
        parsed.parts!,
        { rule, signal: { ...signal, value } },
        'readable',
      ),
    ).toBe(shown);
  });

  it('keeps values exact unless asked to make them readable (keys)', () => {
    const parsed = parseTemplate('{{value}}|{{value | percent}}');
    const values = { rule, signal: { ...signal, value: 0.145476 } };
    expect(renderTemplate(parsed.parts!, values)).toBe('0.145476|14.5476%');
  });

  it('reads label names with dots and tolerates spaces inside braces', () => {
    expect(render('{{ labels.app.kubernetes.io/name }}!')).toBe('cart!');
  });

  it('reads a bar in a label name as part of the name', () => {
    const parsed = parseTemplate('{{labels.a|b}}');
    expect(parsed).toEqual({ parts: [{ root: 'labels', key: 'a|b' }] });
  });

  it('renders missing values as empty strings', () => {
    expect(render('[{{labels.missing}}][{{entity}}]')).toBe('[][]');
  });

  it('keeps text without placeholders as it is', () => {
    expect(parseTemplate('plain text')).toEqual({ parts: ['plain text'] });
  });

  it.each([
    [
      '{{foo}}',
      'unknown template root "foo" in {{foo}}; expected one of rule, source, kind, name, account, region, resource, value, status, fingerprint, message, labels, entity',
    ],
    [
      '{{rule.owner}}',
      '{{rule.owner}} is not a rule field; expected rule.id or rule.severity',
    ],
    ['{{labels}}', '{{labels}} needs a label name, as in {{labels.namespace}}'],
    ['{{name.first}}', '{{name.first}} has no fields; expected {{name}}'],
    ['CPU {{value', 'unclosed "{{" in "CPU {{value"'],

    [
      '{{value | bytes}}',
      'unknown format "bytes" in {{value | bytes}}; expected percent',
    ],
    [
      '{{value | percent | percent}}',
      'unknown format "percent | percent" in {{value | percent | percent}}; expected percent',
    ],
    ['{{ {{name}}', 'unclosed "{{" in "{{ {{name}}"'],
  ])('rejects %j', (template, error) => {
    expect(parseTemplate(template)).toEqual({ error });
  });
});
