import {
  SavingsReport,
  SavingsReportContent,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/** Weekly savings reports and their rendered files. */
export interface SavingsReportStore {
  /** Stores a report; false when one for the same week exists already. */
  insert(report: {
    content: SavingsReportContent;
    html: string;
    pdf: Buffer;
  }): Promise<SavingsReport | undefined>;
  list(options: { limit: number }): Promise<SavingsReport[]>;
  get(id: string): Promise<SavingsReport | undefined>;
  file(
    id: string,
    format: 'html' | 'pdf',
  ): Promise<string | Buffer | undefined>;
}
