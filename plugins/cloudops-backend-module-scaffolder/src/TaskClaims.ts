import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const TABLE = 'cloudops_scaffolder_tasks';

/** The module's migrations, tracked apart from the core plugin's. */
const MIGRATIONS = {
  directory: resolvePackagePath(
    '@cloudops-ai/backstage-plugin-cloudops-backend-module-scaffolder',
    'migrations',
  ),
  tableName: 'cloudops_scaffolder_knex_migrations',
};

/** What an earlier attempt of a remediation step left. */
export type TaskClaim =
  | { state: 'new' }
  | { state: 'started'; taskId: string }
  /** Claimed, but the attempt ended before it recorded a task id. */
  | { state: 'unknown'; claimedAt: Date };

/**
 * One scaffolder task per remediation step: a step claims its idempotency
 * key before it starts a task and records the task id right after, so a
 * retried step (after a crash or a timeout) follows the task the first
 * attempt started. A claim without a task id means an attempt ended between
 * the two; whether that task exists cannot be told, so it is never started
 * again.
 */
export class TaskClaims {
  static async create(
    client: Knex,
    options: { skipMigrations?: boolean } = {},
  ): Promise<TaskClaims> {
    if (!options.skipMigrations) {
      await client.migrate.latest(MIGRATIONS);
    }
    return new TaskClaims(client);
  }

  private constructor(private readonly client: Knex) {}

  /** Claims the key for a new task, or tells what an earlier attempt left. */
  async claim(key: string, templateRef: string): Promise<TaskClaim> {
    const earlier = await this.find(key);
    if (earlier) {
      return earlier;
    }
    try {
      await this.client(TABLE).insert({
        idempotency_key: key,
        template_ref: templateRef,
        claimed_at: new Date(),
      });
    } catch (error) {
      // Another attempt claimed it in between; anything else is a failure.
      const raced = await this.find(key);
      if (raced) {
        return raced;
      }
      throw error;
    }
    return { state: 'new' };
  }

  /** Records the task a claim started. */
  async started(key: string, taskId: string): Promise<void> {
    await this.client(TABLE)
      .where({ idempotency_key: key })
      .update({ task_id: taskId });
  }

  /** Drops a claim whose task the scaffolder refused to create. */
  async release(key: string): Promise<void> {
    await this.client(TABLE)
      .where({ idempotency_key: key, task_id: null })
      .delete();
  }

  private async find(key: string): Promise<TaskClaim | undefined> {
    const row = await this.client(TABLE)
      .where({ idempotency_key: key })
      .first();
    if (!row) {
      return undefined;
    }
    return row.task_id
      ? { state: 'started', taskId: row.task_id }
      : { state: 'unknown', claimedAt: new Date(row.claimed_at) };
  }
}
