import {
  RcaCandidate,
  Runbook,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { suggestRemediations } from './suggestRemediations';

const library: Runbook[] = [
  {
    id: 'restart',
    title: 'Restart',
    match: { faults: ['memory', 'availability'] },
    action: { type: 'kubernetes.rollout-restart' },
  },
  {
    id: 'scale-out',
    title: 'Scale out',
    match: { faults: ['cpu', 'latency'] },
    action: { type: 'kubernetes.scale' },
  },
  {
    id: 'cart-cache',
    title: 'Cart cache',
    match: { services: ['component:default/cart'], faults: ['cpu'] },
  },
  {
    id: 'crashloop',
    title: 'Crash loop triage',
    match: { alerts: ['KubePodCrashLooping'] },
  },
  { id: 'checklist', title: 'General checklist' },
  { id: 'linked-only', title: 'Linked', match: { faults: ['errors'] } },
];

const cartCpu: RcaCandidate = {
  service: 'component:default/cart',
  score: 0.7,
  fault: 'cpu',
  evidence: ['cart cpu +20 MAD'],
  series: [
    {
      metric: 'cpu',
      kind: 'cpu',
      direction: 'rise',
      deviation: 20,
      onsetSeconds: 0,
      baseline: 1,
      peak: 90,
    },
  ],
};

describe('suggestRemediations', () => {
  it('suggests matching runbooks, most specific first when nothing is learned', () => {
    const suggestions = suggestRemediations(library, {
      ranking: [cartCpu],
      alerts: ['HighCpu'],
      links: new Map(),
      stats: [],
    });
    expect(suggestions.map(s => s.runbookId)).toEqual([
      'cart-cache',
      'scale-out',
      'checklist',
    ]);
    expect(suggestions[0]).toEqual({
      runbookId: 'cart-cache',
      title: 'Cart cache',
      url: undefined,
      reason: 'matches cpu fault, on component:default/cart',
      successRate: 0.5,
      uses: 0,
      executable: false,
    });
    expect(suggestions[1]).toMatchObject({
      executable: true,
      action: { type: 'kubernetes.scale' },
    });
  });

  it('ranks by learned success for the signature', () => {
    const suggestions = suggestRemediations(library, {
      ranking: [cartCpu],
      alerts: ['KubePodCrashLooping'],
      links: new Map(),
      stats: [
        { runbookId: 'scale-out', successes: 4, failures: 0 },
        { runbookId: 'cart-cache', successes: 0, failures: 3 },
      ],
    });
    expect(suggestions.map(s => [s.runbookId, s.successRate, s.uses])).toEqual([
      ['scale-out', 5 / 6, 4],
      ['crashloop', 0.5, 0],
      ['checklist', 0.5, 0],
      ['cart-cache', 0.2, 3],
    ]);
  });

  it('adds runbooks the candidates link by annotation, ids and URLs', () => {
    const suggestions = suggestRemediations(library, {
      ranking: [cartCpu],
      alerts: [],
      links: new Map([
        [
          'component:default/cart',
          ['linked-only', 'https://runbooks.example/cart', 'nonsense'],
        ],
      ]),
      stats: [],
    });
    expect(suggestions.map(s => s.runbookId)).toEqual([
      'linked-only',
      'cart-cache',
      'url:https://runbooks.example/cart',
      'scale-out',
      'checklist',
    ]);
    expect(suggestions[2]).toMatchObject({
      title: 'Runbook of component:default/cart',
      url: 'https://runbooks.example/cart',
      reason: 'linked from component:default/cart',
      executable: false,
    });
  });
});
