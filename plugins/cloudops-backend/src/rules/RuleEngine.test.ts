import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { Rule } from '@cloudops-ai/backstage-plugin-cloudops-common';
import { RuleEngine } from './RuleEngine';
import { RuleEvaluationState } from './RuleEvaluationState';
import { engineFor } from './__testUtils__/engine';
import { alert, metric, minutes, rule } from './__testUtils__/signals';

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout-service',
    annotations: { 'cloudops.ai/environment': 'production' },
  },
  spec: { type: 'service', owner: 'team-checkout', system: 'shop' },
};

const crashloop = rule(
  { type: 'firing' },
  {
    id: 'k8s-crashloop',
    description: 'A pod restarts in a loop',
    match: { kind: 'alert', name: 'KubePodCrashLooping' },
    severity: 'critical',
  },
);

const crashing = alert('KubePodCrashLooping', 'firing', 0, {
  resource: 'shop/cart-0',
  labels: { namespace: 'shop', pod: 'cart-0', team: 'platform' },
});

describe('RuleEngine', () => {
  describe('what it emits', () => {
    it('renders the title and dedup key templates and merges labels', async () => {
      const engine = engineFor([
        {
          ...crashloop,
          title: 'CrashLoopBackOff in {{labels.namespace}}/{{labels.pod}}',
          dedupKey: '{{rule.id}}:{{labels.namespace}}/{{labels.pod}}',
          labels: { team: 'checkout', category: 'availability' },
        },
      ]);
      const [evaluation] = await engine.evaluate(crashing, {});
      expect(evaluation).toEqual({
        rule: expect.objectContaining({ id: 'k8s-crashloop' }),
        status: 'firing',
        severity: 'critical',
        title: 'CrashLoopBackOff in shop/cart-0',
        dedupKey: 'k8s-crashloop:shop/cart-0',
        labels: {
          namespace: 'shop',
          pod: 'cart-0',
          team: 'checkout',
          category: 'availability',
        },
        signal: crashing,
        reason: 'KubePodCrashLooping firing',
      });
    });

    it('defaults the title and dedup key to the entity', async () => {
      const [evaluation] = await engineFor([crashloop]).evaluate(crashing, {
        entity: checkout,
      });
      expect(evaluation.title).toBe(
        'A pod restarts in a loop: KubePodCrashLooping on component:default/checkout-service',
      );
      expect(evaluation.dedupKey).toBe(
        'k8s-crashloop:component:default/checkout-service',
      );
    });

    it('defaults to the resource, then the fingerprint, without an entity', async () => {
      const engine = engineFor([
        rule(
          { type: 'firing' },
          { id: 'k8s-crashloop', match: crashloop.match },
        ),
      ]);
      const [withResource] = await engine.evaluate(crashing, {});
      expect(withResource.title).toBe(
        'k8s-crashloop: KubePodCrashLooping on shop/cart-0',
      );
      expect(withResource.dedupKey).toBe(
        'k8s-crashloop:KubePodCrashLooping-alert',
      );
      const [bare] = await engine.evaluate(
        { ...crashing, resource: undefined, fingerprint: 'fp-9' },
        {},
      );
      expect(bare.title).toBe('k8s-crashloop: KubePodCrashLooping on fp-9');
    });

    it("falls back to the signal's entity ref", async () => {
      const [evaluation] = await engineFor([crashloop]).evaluate(
        { ...crashing, entityRef: 'component:default/cart-service' },
        {},
      );
      expect(evaluation.dedupKey).toBe(
        'k8s-crashloop:component:default/cart-service',
      );
    });

    it('renders the entity and missing values in templates', async () => {
      const engine = engineFor([
        {
          ...crashloop,
          title: '{{entity}}|{{labels.nope}}|{{value}}|{{region}}',
        },
      ]);
      const [withEntity] = await engine.evaluate(crashing, {
        entity: checkout,
      });
      expect(withEntity.title).toBe('component:default/checkout-service|||');
    });

    it('emits the evaluations of several rules in rule order', async () => {
      const engine = engineFor([
        rule({ type: 'firing' }, { id: 'any-alert' }),
        crashloop,
        rule(
          { type: 'firing' },
          { id: 'regex', match: { name: { regex: 'Kube.*' } } },
        ),
      ]);
      const evaluations = await engine.evaluate(crashing, {});
      expect(evaluations.map(e => e.rule.id)).toEqual([
        'any-alert',
        'k8s-crashloop',
        'regex',
      ]);
    });
  });

  describe('what it evaluates', () => {
    it('only evaluates rules whose match holds', async () => {
      const engine = engineFor([
        crashloop,
        rule(
          { type: 'firing' },
          { id: 'metrics-only', match: { kind: 'metric' } },
        ),
        rule(
          { type: 'firing' },
          { id: 'labelled', match: { labels: { namespace: { not: 'shop' } } } },
        ),
      ]);
      expect((await engine.evaluate(crashing, {})).map(e => e.rule.id)).toEqual(
        ['k8s-crashloop'],
      );
    });

    it('scopes rules to environments', async () => {
      const engine = engineFor([
        { ...crashloop, environment: ['production', 'staging'] },
        rule(
          { type: 'firing' },
          { id: 'dev-only', environment: 'development' },
        ),
      ]);
      const ids = async (environment?: string) => {
        const signal = { ...crashing, fingerprint: `fp-${environment}` };
        const evaluations = await engine.evaluate(signal, { environment });
        return evaluations.map(e => e.rule.id);
      };
      expect(await ids('production')).toEqual(['k8s-crashloop']);
      expect(await ids('staging')).toEqual(['k8s-crashloop']);
      expect(await ids('development')).toEqual(['dev-only']);
      expect(await ids(undefined)).toEqual([]);
    });

    it('applies entity selectors to the resolved entity', async () => {
      const engine = engineFor([
        {
          ...crashloop,
          match: {
            ...crashloop.match,
            entity: {
              kind: 'component',
              system: 'shop',
              owner: 'team-checkout',
            },
          },
        },
      ]);
      expect(await engine.evaluate(crashing, {})).toEqual([]);
      expect(
        await engine.evaluate(crashing, {
          entity: {
            ...checkout,
            spec: { ...checkout.spec, owner: 'team-other' },
          },
        }),
      ).toEqual([]);
      expect(
        (await engine.evaluate(crashing, { entity: checkout })).map(
          e => e.status,
        ),
      ).toEqual(['firing']);
    });

    it('ignores signals without a valid timestamp', async () => {
      const engine = engineFor([crashloop]);
      expect(
        await engine.evaluate({ ...crashing, timestamp: 'yesterday' }, {}),
      ).toEqual([]);
    });

    it('rejects an invalid rule set with an InputError', async () => {
      const bad = rule(
        { type: 'threshold', op: '>', value: 1, for: '5 minutes' },
        { id: 'bad' },
      );
      const engine = engineFor([bad, { ...bad }]);
      await expect(engine.evaluate(crashing, {})).rejects.toThrow(InputError);
      await expect(engine.tick(minutes(1))).rejects.toThrow(
        'Invalid rule set: rules[0].condition.for: must be a duration such as 30s, 5m, 1h30m, 1d or 1w (got "5 minutes"); rules[1].condition.for: must be a duration such as 30s, 5m, 1h30m, 1d or 1w (got "5 minutes"); rules[1].id: duplicate rule id "bad"; it is already defined at rule set rules[0].id',
      );
    });

    it('compiles the rule set again when it changes', async () => {
      let rules: Rule[] = [crashloop];
      const engine = new RuleEngine({ rules: () => rules });
      expect(await engine.evaluate(crashing, {})).toHaveLength(1);
      rules = [{ ...crashloop, id: 'renamed', match: { name: 'Other' } }];
      expect(
        await engine.evaluate({ ...crashing, fingerprint: 'b' }, {}),
      ).toEqual([]);
    });
  });

  describe('series that share a dedup key', () => {
    const cpu = rule({ type: 'threshold', op: '>', value: 90 });
    const pod = (name: string, value: number, atMinute: number) =>
      metric('cpu', value, atMinute, {
        fingerprint: `cpu-${name}`,
        entityRef: 'component:default/web',
      });
    const statuses = (found: Array<{ status: string; dedupKey: string }>) =>
      found.map(e => `${e.status} ${e.dedupKey}`);

    it('fire the alert with the first and resolve it only with the last', async () => {
      const engine = engineFor([cpu]);
      expect(statuses(await engine.evaluate(pod('a', 99, 0), {}))).toEqual([
        'firing test-rule:component:default/web',
      ]);
      expect(statuses(await engine.evaluate(pod('b', 99, 0), {}))).toEqual([
        'firing test-rule:component:default/web',
      ]);
      // Pod a recovers while pod b still burns: the alert stays.
      expect(await engine.evaluate(pod('a', 10, 1), {})).toEqual([]);
      expect(statuses(await engine.evaluate(pod('b', 10, 2), {}))).toEqual([
        'resolved test-rule:component:default/web',
      ]);
    });

    it('keep counting across a snapshot and its restore', async () => {
      const state = new RuleEvaluationState();
      const engine = engineFor([cpu], { state });
      await engine.evaluate(pod('a', 99, 0), {});
      await engine.evaluate(pod('b', 99, 0), {});
      const restored = engineFor([cpu], {
        state: RuleEvaluationState.restore(state.snapshot()),
      });
      expect(await restored.evaluate(pod('a', 10, 1), {})).toEqual([]);
      expect(statuses(await restored.evaluate(pod('b', 10, 1), {}))).toEqual([
        'resolved test-rule:component:default/web',
      ]);
    });
  });

  describe('alerts that fired before a restart', () => {
    const cpu = rule({ type: 'threshold', op: '>', value: 90 });
    const web = (value: number, atMinute: number, pod = 'a') =>
      metric('cpu', value, atMinute, {
        fingerprint: `cpu-${pod}`,
        entityRef: 'component:default/web',
      });

    it('resolve when their condition no longer holds', async () => {
      const engine = engineFor([cpu]);
      engine.resumeFiring([
        { ruleId: 'test-rule', dedupKey: 'test-rule:component:default/web' },
      ]);
      expect(
        (await engine.evaluate(web(10, 0), {})).map(
          e => `${e.status} ${e.dedupKey}`,
        ),
      ).toEqual(['resolved test-rule:component:default/web']);
      // Taken up once: the next series of the key is judged as new.
      expect(await engine.evaluate(web(10, 1, 'b'), {})).toEqual([]);
    });

    it('are raised again while their condition holds, and leave other alerts alone', async () => {
      const engine = engineFor([cpu]);
      engine.resumeFiring([
        { ruleId: 'test-rule', dedupKey: 'test-rule:component:default/web' },
      ]);
      // Raised, not assumed: its incident may have been resolved meanwhile.
      expect(
        (await engine.evaluate(web(99, 0), {})).map(e => e.status),
      ).toEqual(['firing']);
      expect(await engine.evaluate(web(99, 0.5), {})).toEqual([]);
      expect(
        await engine.evaluate(
          metric('cpu', 10, 0, { entityRef: 'component:default/other' }),
          {},
        ),
      ).toEqual([]);
      expect(
        (await engine.evaluate(web(10, 1), {})).map(e => e.status),
      ).toEqual(['resolved']);
    });

    it('of absent data resolve when the data comes back', async () => {
      const engine = engineFor([rule({ type: 'absent', for: '10m' })]);
      engine.resumeFiring([
        { ruleId: 'test-rule', dedupKey: 'test-rule:hb-series' },
      ]);
      expect(
        (await engine.evaluate(metric('hb', 1, 0), {})).map(e => e.status),
      ).toEqual(['resolved']);
    });
  });

  describe('points out of order', () => {
    it('judge no point older than one already judged (a batch delivered again late)', async () => {
      const engine = engineFor([
        rule({ type: 'threshold', op: '>', value: 90 }),
      ]);
      expect(
        (await engine.evaluate(metric('cpu', 99, 5), {})).map(e => e.status),
      ).toEqual(['firing']);
      expect(await engine.evaluate(metric('cpu', 10, 3), {})).toEqual([]);
      expect(
        (await engine.evaluate(metric('cpu', 10, 6), {})).map(e => e.status),
      ).toEqual(['resolved']);
    });
  });

  describe('state', () => {
    it('forgets series not seen for the retention time, on tick', async () => {
      const state = new RuleEvaluationState({ retentionMs: 60 * 60 * 1000 });
      const engine = engineFor(
        [rule({ type: 'threshold', op: '>', value: 1, for: '1h' })],
        { state },
      );
      await engine.evaluate(metric('m', 5, 0, { fingerprint: 'old' }), {});
      await engine.evaluate(metric('m', 5, 30, { fingerprint: 'recent' }), {});
      await engine.tick(minutes(60));
      expect(state.size).toBe(2);
      await engine.tick(minutes(61));
      expect(state.size).toBe(1);
      expect(
        await engine.evaluate(metric('m', 5, 62, { fingerprint: 'old' }), {}),
      ).toEqual([]);
    });

    it('forgets the series of rules that left the rule set', async () => {
      const state = new RuleEvaluationState();
      let rules = [rule({ type: 'threshold', op: '>', value: 1, for: '1h' })];
      const engine = new RuleEngine({ rules: () => rules, state });
      await engine.evaluate(metric('m', 5, 0), {});
      expect(state.size).toBe(1);
      rules = [];
      await engine.tick(minutes(1));
      expect(state.size).toBe(0);
    });
  });
});
