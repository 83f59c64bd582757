import {
  IncidentSeverity,
  IncidentStatsGroupCount,
  INCIDENT_SEVERITIES,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

export interface HeatCell {
  open: number;
  worst?: IncidentSeverity;
}

/** A system × account matrix of open incidents, busiest rows and columns first. */
export interface HeatMatrix {
  systems: Array<string | null>;
  accounts: Array<string | null>;
  cell(system: string | null, account: string | null): HeatCell | undefined;
}

function byTotal(totals: Map<string | null, number>): Array<string | null> {
  return [...totals]
    .sort(
      ([a, x], [b, y]) =>
        y - x || String(a ?? '\uffff').localeCompare(String(b ?? '\uffff')),
    )
    .map(([key]) => key);
}

/** Builds the matrix from stats grouped by system then account. */
export function heatMatrix(groups: IncidentStatsGroupCount[]): HeatMatrix {
  const cells = new Map<string, HeatCell>();
  const systemTotals = new Map<string | null, number>();
  const accountTotals = new Map<string | null, number>();
  const keyOf = (system: string | null, account: string | null) =>
    JSON.stringify([system, account]);
  for (const group of groups) {
    if (group.open === 0) continue;
    const account = group.subKey ?? null;
    cells.set(keyOf(group.key, account), {
      open: group.open,
      worst: INCIDENT_SEVERITIES.find(s => group.openBySeverity[s] > 0),
    });
    systemTotals.set(
      group.key,
      (systemTotals.get(group.key) ?? 0) + group.open,
    );
    accountTotals.set(account, (accountTotals.get(account) ?? 0) + group.open);
  }
  return {
    systems: byTotal(systemTotals),
    accounts: byTotal(accountTotals),
    cell: (system, account) => cells.get(keyOf(system, account)),
  };
}
