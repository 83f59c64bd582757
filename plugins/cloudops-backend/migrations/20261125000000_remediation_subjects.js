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

const SUBJECT_CHECK = 'remediation_requests_one_subject';

/**
 * A remediation request has a subject: an incident or a savings
 * opportunity, exactly one of them. The outbox steps of an opportunity's
 * request belong to no incident, so the outbox's incident becomes optional
 * too.
 *
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('remediation_requests', table => {
    table.uuid('incident_id').nullable().alter();
    table
      .uuid('opportunity_id')
      .nullable()
      .references('id')
      .inTable('opportunities')
      .onDelete('CASCADE')
      .comment('The savings opportunity the request applies (or incident_id)');
    table.index(['opportunity_id'], 'remediation_requests_opportunity_idx');
  });
  await knex.schema.alterTable('remediation_requests', table => {
    table.check(
      '(incident_id IS NULL) <> (opportunity_id IS NULL)',
      [],
      SUBJECT_CHECK,
    );
  });
  await knex.schema.alterTable('action_outbox', table => {
    table.uuid('incident_id').nullable().alter();
  });
};

/**
 * Opportunity requests (and their outbox rows) have no incident and go.
 *
 * @param { import("knex").Knex } knex
 */
exports.down = async function down(knex) {
  await knex('action_outbox').whereNull('incident_id').delete();
  await knex('remediation_requests').whereNull('incident_id').delete();
  await knex.schema.alterTable('action_outbox', table => {
    table.uuid('incident_id').notNullable().alter();
  });
  await knex.schema.alterTable('remediation_requests', table => {
    table.dropChecks([SUBJECT_CHECK]);
  });
  await knex.schema.alterTable('remediation_requests', table => {
    table.dropIndex(['opportunity_id'], 'remediation_requests_opportunity_idx');
    table.dropForeign(['opportunity_id']);
    table.dropColumn('opportunity_id');
    table.uuid('incident_id').notNullable().alter();
  });
};
