import {
  SavingsReport,
  SavingsReportContent,
} from '@cloudops-ai/backstage-plugin-cloudops-common';

/** Weekly savings reports and their rendered files. */
export interface SavingsReportStore {
  /** Stores a report, not delivered yet; undefined when one for the same week exists already. */
  insert(report: {
    content: SavingsReportContent;
    html: string;
    pdf: Buffer;
  }): Promise<SavingsReport | undefined>;
  /** The newest reports first. */
  list(options: { limit: number }): Promise<SavingsReport[]>;
  /**
   * Reports of weeks starting at or after `since` that no delivery channel
   * has confirmed yet and that were not announced since `announcedBefore`,
   * oldest first.
   */
  listUndelivered(options: {
    since: Date;
    announcedBefore: Date;
  }): Promise<SavingsReport[]>;
  /** Records that a report was announced to the delivery channels. */
  markAnnounced(id: string, at: Date): Promise<void>;
  /** Records a channel's confirmation; false when unknown or confirmed already. */
  markDelivered(id: string, at: Date): Promise<boolean>;
  get(id: string): Promise<SavingsReport | undefined>;
  file(
    id: string,
    format: 'html' | 'pdf',
  ): Promise<string | Buffer | undefined>;
  /**
   * The incident figures of the week [start, end), counted over all of its
   * incidents: opened in it and in the week before, predicted breaches of
   * `forecastRuleIds` resolved in it, and incidents opened in it on an
   * entity with a change merged within the two weeks before.
   */
  incidentFigures(week: {
    start: Date;
    end: Date;
    forecastRuleIds: ReadonlySet<string>;
  }): Promise<SavingsReportContent['incidents']>;
}
