import {
  SavingsReport,
  SavingsReportContent,
} from '@cloudops-ai/backstage-plugin-cloudops-common';
import { Knex } from 'knex';
import crypto from 'node:crypto';
import { isUniqueViolation } from './isUniqueViolation';
import { parseJson, toIso } from './rows';
import { SavingsReportStore } from './SavingsReportStore';

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
      .select('id', 'period_start', 'period_end', 'generated_at', 'content')
      .orderBy('period_start', 'desc')
      .limit(options.limit);
    return rows.map(fromRow);
  }

  async get(id: string): Promise<SavingsReport | undefined> {
    const row = await this.db('savings_reports')
      .where({ id })
      .first('id', 'period_start', 'period_end', 'generated_at', 'content');
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
}
