import {
  SavingsReport,
  SavingsReportContent,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { Knex } from 'knex';
import crypto from 'node:crypto';
import { isUniqueViolation } from './isUniqueViolation';
import { isUuid } from './isUuid';
import { parseJson, toIso } from './rows';
import { SavingsReportStore } from './SavingsReportStore';
import { timeArithmetic } from './timeArithmetic';

const WEEK_MS = 7 * 86_400_000;
/** How long after a merged change an incident on its entity counts as following it. */
const FOLLOW_MS = 2 * WEEK_MS;
const COLUMNS = ['id', 'period_start', 'period_end', 'generated_at', 'content'];

type ReportRow = {
  id: string;
  period_start: Date | string | number;
  period_end: Date | string | number;
  generated_at: Date | string | number;
  content: string;
};

function fromRow(row: ReportRow): SavingsReport {
  return {
    id: row.id,
    periodStart: toIso(row.period_start),
    periodEnd: toIso(row.period_end),
    generatedAt: toIso(row.generated_at),
    content: parseJson<SavingsReportContent>(
      row.content,
      {} as SavingsReportContent,
    ),
  };
}

/** The knex implementation of {@link SavingsReportStore}. */
export class DatabaseSavingsReportStore implements SavingsReportStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async insert(report: {
    content: SavingsReportContent;
    html: string;
    pdf: Buffer;
  }): Promise<SavingsReport | undefined> {
    const id = crypto.randomUUID();
    try {
      await this.db('savings_reports').insert({
        id,
        period_start: new Date(report.content.periodStart),
        period_end: new Date(report.content.periodEnd),
        generated_at: new Date(report.content.generatedAt),
        content: JSON.stringify(report.content),
        html: report.html,
        pdf: report.pdf,
      });
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
    return this.get(id);
  }

  async list(options: { limit: number }): Promise<SavingsReport[]> {
    const rows: ReportRow[] = await this.db('savings_reports')
      .select(COLUMNS)
      .orderBy('period_start', 'desc')
      .limit(options.limit);
    return rows.map(fromRow);
  }

  async listUndelivered(options: {
    since: Date;
    announcedBefore: Date;
  }): Promise<SavingsReport[]> {
    const rows: ReportRow[] = await this.db('savings_reports')
      .whereNull('delivered_at')
      .where('period_start', '>=', options.since)
      .where(q =>
        q
          .whereNull('announced_at')
          .orWhere('announced_at', '<', options.announcedBefore),
      )
      .select(COLUMNS)
      .orderBy('period_start', 'asc');
    return rows.map(fromRow);
  }

  async markAnnounced(id: string, at: Date): Promise<void> {
    await this.db('savings_reports').where({ id }).update({ announced_at: at });
  }

  async markDelivered(id: string, at: Date): Promise<boolean> {
    if (!isUuid(id)) return false;
    const updated = await this.db('savings_reports')
      .where({ id })
      .whereNull('delivered_at')
      .update({ delivered_at: at });
    return updated > 0;
  }

  async get(id: string): Promise<SavingsReport | undefined> {
    const row = await this.db('savings_reports').where({ id }).first(COLUMNS);
    return row ? fromRow(row) : undefined;
  }

  async file(
    id: string,
    format: 'html' | 'pdf',
  ): Promise<string | Buffer | undefined> {
    const row = await this.db('savings_reports').where({ id }).first(format);
    if (!row) return undefined;
    return format === 'pdf' ? Buffer.from(row.pdf) : row.html;
  }

  async incidentFigures(week: {
    start: Date;
    end: Date;
    forecastRuleIds: ReadonlySet<string>;
  }): Promise<SavingsReportContent['incidents']> {
    const { start, end } = week;
    const count = async (query: Knex.QueryBuilder) => {
      const [{ n }] = await query.count({ n: '*' });
      return Number(n);
    };
    const opened = (from: Date, to: Date) =>
      this.db('incidents as i')
        .where('i.created_at', '>=', from)
        .where('i.created_at', '<', to);
    const sinceMerge = timeArithmetic(this.db).secondsBetween(
      'l.created_at',
      'i.created_at',
    );
    const mergedBefore = this.db('opportunity_ledger as l')
      .join('opportunities as o', 'o.id', 'l.opportunity_id')
      .where('l.to_state', 'merged')
      .where('o.entity_ref', this.db.ref('i.entity_ref'))
      .where('l.created_at', '>=', new Date(start.getTime() - FOLLOW_MS))
      .where('l.created_at', '<', end)
      .whereRaw(`${sinceMerge} between 0 and ?`, [FOLLOW_MS / 1000])
      .select(this.db.raw('1'));
    const ruleIds = [...week.forecastRuleIds];
    const [thisWeek, lastWeek, avoided, afterSavingsChanges] =
      await Promise.all([
        count(opened(start, end)),
        count(opened(new Date(start.getTime() - WEEK_MS), start)),
        ruleIds.length === 0
          ? 0
          : count(
              this.db('incidents')
                .whereIn('rule_id', ruleIds)
                .where('resolved_at', '>=', start)
                .where('resolved_at', '<', end),
            ),
        count(opened(start, end).whereExists(mergedBefore)),
      ]);
    return { thisWeek, lastWeek, avoided, afterSavingsChanges };
  }
}
