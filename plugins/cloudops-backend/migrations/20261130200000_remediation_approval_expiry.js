/*
 * Copyright 2026 The CloudOps AI Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

// @ts-check

/** The default `cloudops.actions.remediation.approvalTimeout`. */
const DEFAULT_TIMEOUT_MS = 24 * 3600_000;

/**
 * When waiting for a remediation request's approvals ends. A request
 * already waiting gets the default timeout from when it started waiting
 * (its last state change), so one forgotten long ago expires at the next
 * sweep instead of waiting forever.
 *
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('remediation_requests', table => {
    table
      .timestamp('approval_expires_at', { useTz: true })
      .nullable()
      .comment('When waiting for approvals ends (set when it starts)');
  });
  const waiting = await knex('remediation_requests')
    .where({ state: 'awaiting-approval' })
    .select('id', 'updated_at');
  for (const row of waiting) {
    // PostgreSQL returns a Date, SQLite epoch milliseconds (or their digits).
    const { updated_at: at } = row;
    const startedAt = new Date(/^\d+$/.test(String(at)) ? Number(at) : at);
    await knex('remediation_requests')
      .where({ id: row.id })
      .update({
        approval_expires_at: new Date(startedAt.getTime() + DEFAULT_TIMEOUT_MS),
      });
  }
};

/**
 * The previous version knows neither expired nor cancelled requests: they
 * become blocked (ended by policy, nothing ran).
 *
 * @param { import("knex").Knex } knex
 */
exports.down = async function down(knex) {
  await knex('remediation_requests')
    .whereIn('state', ['expired', 'cancelled'])
    .update({ state: 'blocked' });
  await knex.schema.alterTable('remediation_requests', table => {
    table.dropColumn('approval_expires_at');
  });
};
