/** One entry of the audit log. */
export interface AuditEntry {
  id: string;
  action: string;
  actor: string;
  target?: string;
  outcome: 'succeeded' | 'failed';
  meta: Record<string, unknown>;
  createdAt: string;
}

/** The append-only audit log: entries are added, never changed. */
export interface AuditStore {
  append(entry: Omit<AuditEntry, 'id' | 'createdAt'>, at: Date): Promise<void>;
  list(options: {
    target?: string;
    limit: number;
    beforeId?: string;
  }): Promise<AuditEntry[]>;
}
