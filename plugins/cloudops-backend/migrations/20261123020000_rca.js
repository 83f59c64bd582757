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

/**
 * Root-cause analysis: each incident's RCA revisions, the queue of pending
 * (debounced) runs, and the remediation actions and learned success per
 * incident signature.
 *
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incident_rca', table => {
    table.comment('Root-cause analyses of incidents, one row per run');
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.integer('revision').notNullable();
    table
      .boolean('latest')
      .notNullable()
      .comment('Whether this is the incident’s current RCA');
    table.string('trigger', 16).notNullable().comment('opened | grew | manual');
    table
      .string('basis', 64)
      .notNullable()
      .comment(
        'Hash of what the run looked at, to skip re-runs that add nothing',
      );
    table
      .string('signature_key', 512)
      .notNullable()
      .comment(
        'Coarse signature (top service and fault) that remediation success is learned under',
      );
    table.text('result').notNullable().comment('The IncidentRca as JSON');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['incident_id', 'revision']);
    table.index(['latest', 'created_at'], 'incident_rca_latest_idx');
  });

  await knex.schema.createTable('rca_requests', table => {
    table.comment(
      'Pending RCA runs: one row per incident, debounced; replicas claim a row with a lease before running it',
    );
    table
      .uuid('incident_id')
      .primary()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table
      .integer('version')
      .notNullable()
      .comment(
        'Bumped by every request, so a run finishing an older version leaves the newer one queued',
      );
    table.timestamp('first_requested_at', { useTz: true }).notNullable();
    table.timestamp('due_at', { useTz: true }).notNullable();
    table.string('claimed_by', 64).nullable();
    table.timestamp('claimed_until', { useTz: true }).nullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.index(['due_at'], 'rca_requests_due_idx');
  });

  await knex.schema.createTable('remediation_actions', table => {
    table.comment('Runbooks run for incidents, and whether they resolved them');
    table.bigIncrements('id');
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('runbook_id', 255).notNullable();
    table.string('actor', 255).notNullable();
    table.string('signature_key', 512).notNullable();
    table
      .string('outcome', 16)
      .notNullable()
      .comment('pending | succeeded | failed | superseded');
    table.text('reason').nullable();
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.index(['incident_id', 'id'], 'remediation_actions_incident_idx');
    table.index(['outcome'], 'remediation_actions_outcome_idx');
  });

  await knex.schema.createTable('remediation_stats', table => {
    table.comment('Learned success of each runbook per incident signature');
    table.string('signature_key', 512).notNullable();
    table.string('runbook_id', 255).notNullable();
    table.integer('successes').notNullable().defaultTo(0);
    table.integer('failures').notNullable().defaultTo(0);
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['signature_key', 'runbook_id']);
  });
};

/**
 * @param { import("knex").Knex } knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('remediation_stats');
  await knex.schema.dropTable('remediation_actions');
  await knex.schema.dropTable('rca_requests');
  await knex.schema.dropTable('incident_rca');
};
