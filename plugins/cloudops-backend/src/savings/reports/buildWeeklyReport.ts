import {
  OPEN_OPPORTUNITY_STATES,
  Opportunity,
  OpportunityKind,
  OpportunityState,
  SavingsReportContent,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { HOURS_PER_MONTH } from '@cloudops-ai/backstage-plugin-cloudops-node';
import { CloudopsStores } from '../../database/CloudopsDatabase';
import { restatements } from './restatements';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/**
 * The last full week (Monday 00:00 UTC to Monday) before `now`: the same
 * instant gives the same week whatever the host's time zone.
 */
export function lastFullWeek(now: Date): { start: Date; end: Date } {
  const day = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  const end = day - weekday * DAY_MS;
  return { start: new Date(end - WEEK_MS), end: new Date(end) };
}

/** Adds up amounts by a key. */
function tally<K extends string>(
  items: Array<{ key: K; amount: number }>,
): Array<{ key: K; count: number; amount: number }> {
  const byKey = new Map<K, { key: K; count: number; amount: number }>();
  for (const { key, amount } of items) {
    const row = byKey.get(key) ?? { key, count: 0, amount: 0 };
    row.count++;
    row.amount += amount;
    byKey.set(key, row);
  }
  return [...byKey.values()];
}

const money = (amount: number, currency: string) =>
  `${currency} ${amount.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;

/**
 * The figures of the weekly CFO/CTO report for the last full week, from the
 * ledger, the post-change observations and the incidents. Savings are in
 * the reporting currency (opportunities of accounts billed in another
 * currency are left out of the sums).
 */
export async function buildWeeklyReport(options: {
  stores: CloudopsStores;
  now: Date;
  currency: string;
  readOnly: boolean;
  title: string;
  /** Rules whose condition is a forecast: their incidents are predicted breaches. */
  forecastRuleIds: ReadonlySet<string>;
}): Promise<SavingsReportContent> {
  const { stores, now, currency } = options;
  const { start, end } = lastFullWeek(now);
  const filter = { currency };
  const opportunities = stores.opportunities;

  const days = await opportunities.savingsByDay(
    filter,
    new Date(start.getTime() - 7 * WEEK_MS),
    end,
  );
  const weeklySavings = Array.from({ length: 8 }, (_, i) => {
    const from = start.getTime() - (7 - i) * WEEK_MS;
    return {
      periodStart: new Date(from).toISOString(),
      amount: days
        .filter(d => d.day >= from && d.day < from + WEEK_MS)
        .reduce((s, d) => s + d.amount, 0),
    };
  });
  const savedThisWeek = weeklySavings[7].amount;
  const savedLastWeek = weeklySavings[6].amount;

  const totals = await opportunities.totals(filter);
  const merged = await opportunities.list(
    { ...filter, state: ['merged'] },
    { limit: 1, offset: 0, sort: 'savings' },
  );
  const mergedMonthly =
    merged.totals.find(t => t.currency === currency)?.monthlySavings ?? 0;
  const weekShare = (7 * 24) / HOURS_PER_MONTH;
  const projectedNextWeek =
    (totals.realizedMonthly + mergedMonthly) * weekShare;

  const top = await opportunities.list(
    { ...filter, state: [...OPEN_OPPORTUNITY_STATES] },
    { limit: 10, offset: 0, sort: 'savings' },
  );
  const open: Opportunity[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await opportunities.list(
      { ...filter, state: [...OPEN_OPPORTUNITY_STATES] },
      { limit: 500, offset, sort: 'savings' },
    );
    open.push(...page.items);
    if (open.length >= page.totalCount || page.items.length === 0) break;
  }
  const byLevel = {
    low: { count: 0, monthlySavings: 0 },
    medium: { count: 0, monthlySavings: 0 },
    high: { count: 0, monthlySavings: 0 },
  };
  for (const o of open) {
    byLevel[o.risk.level].count++;
    byLevel[o.risk.level].monthlySavings += o.monthlySavings;
  }
  const openSavings = open.reduce((s, o) => s + o.monthlySavings, 0);
  const weightedScore = openSavings
    ? open.reduce((s, o) => s + o.risk.score * o.monthlySavings, 0) /
      openSavings
    : 0;

  const moves = (await opportunities.ledgerBetween(start, end)).filter(
    m => m.currency === currency,
  );
  const changes = tally(
    moves.map(m => ({
      key: m.to as OpportunityState,
      amount: m.monthlySavings,
    })),
  ).map(r => ({ to: r.key, count: r.count, monthlySavings: r.amount }));
  const newByKind = tally(
    moves
      .filter(m => m.from === undefined)
      .map(m => ({ key: m.kind as OpportunityKind, amount: m.monthlySavings })),
  ).map(r => ({ kind: r.key, count: r.count, monthlySavings: r.amount }));

  const incidents = await stores.savingsReports.incidentFigures({
    start,
    end,
    forecastRuleIds: options.forecastRuleIds,
  });

  const lowRisk = open.filter(
    o => o.state === 'detected' && o.risk.level === 'low',
  );
  const lowRiskSavings = lowRisk.reduce((s, o) => s + o.monthlySavings, 0);
  const approved = open.filter(o => o.state === 'approved');
  const nextSteps: string[] = [];
  if (options.readOnly && open.length > 0) {
    nextSteps.push(
      `Read-only pilot: ${open.length} opportunities worth ${money(
        openSavings,
        currency,
      )} a month are ready. Turn off cloudops.readOnly to open pull requests for the low-risk ones.`,
    );
  } else if (lowRisk.length > 0) {
    nextSteps.push(
      `Open pull requests for the ${
        lowRisk.length
      } low-risk opportunities (${money(lowRiskSavings, currency)} a month).`,
    );
  }
  if (approved.length > 0) {
    nextSteps.push(`Merge the ${approved.length} approved pull requests.`);
  }
  if (merged.totalCount > 0) {
    nextSteps.push(
      `${merged.totalCount} merged changes are being validated against post-change usage and cost.`,
    );
  }
  if (byLevel.high.count > 0) {
    nextSteps.push(
      `Review the ${byLevel.high.count} high-risk opportunities (${money(
        byLevel.high.monthlySavings,
        currency,
      )} a month) with their owners before changing them.`,
    );
  }
  if (incidents.afterSavingsChanges > 0) {
    nextSteps.push(
      `${incidents.afterSavingsChanges} incidents followed a savings change on the same service within two weeks: check them before the next change.`,
    );
  }
  if (nextSteps.length === 0) {
    nextSteps.push('No open opportunities: nothing to do this week.');
  }

  return {
    title: options.title,
    currency,
    periodStart: start.toISOString(),
    periodEnd: end.toISOString(),
    generatedAt: now.toISOString(),
    readOnly: options.readOnly,
    savedThisWeek,
    savedLastWeek,
    projectedNextWeek,
    realizedToDate: totals.realizedToDate,
    potentialMonthlySavings: totals.potentialMonthlySavings,
    weeklySavings,
    restatements: restatements(
      weeklySavings.slice(0, -1),
      await stores.savingsReports.list({ limit: weeklySavings.length }),
    ),
    topOpportunities: top.items,
    changes,
    newByKind,
    risk: { weightedScore: Math.round(weightedScore), byLevel },
    incidents,
    nextSteps,
  };
}
