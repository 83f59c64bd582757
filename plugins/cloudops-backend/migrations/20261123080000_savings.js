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
 * Savings: opportunities found by the waste detectors, their ledger history,
 * post-change observations, and the weekly reports.
 *
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('opportunities', table => {
    table.comment('Savings opportunities, one per detector and resource');
    table.uuid('id').primary();
    table
      .string('dedup_key', 600)
      .notNullable()
      .unique()
      .comment('<detector>|<resource id>');
    table.string('detector', 128).notNullable();
    table.string('kind', 64).notNullable();
    table.string('shard', 255).notNullable();
    table.string('resource_id', 512).notNullable();
    table.string('resource_type', 64).notNullable();
    table.string('account', 64).nullable();
    table.string('entity_ref', 255).nullable();
    table.string('owner_ref', 255).nullable();
    table.string('system_ref', 255).nullable();
    table.string('title', 512).notNullable();
    table.string('state', 16).notNullable();
    table.string('currency', 3).notNullable();
    table.double('monthly_savings').notNullable();
    table.double('confidence').notNullable();
    table.integer('risk_score').notNullable();
    table.string('risk_level', 8).notNullable();
    table
      .text('details')
      .notNullable()
      .comment('resource, current, recommended, risk, remediation as JSON');
    table.text('evidence').notNullable().comment('Evidence as JSON');
    table.timestamp('first_detected_at', { useTz: true }).notNullable();
    table.timestamp('last_detected_at', { useTz: true }).notNullable();
    table.integer('detection_count').notNullable().defaultTo(1);
    table.timestamp('state_changed_at', { useTz: true }).notNullable();
    table.timestamp('snoozed_until', { useTz: true }).nullable();
    table.string('pull_request_url', 1024).nullable();
    table
      .timestamp('observed_until', { useTz: true })
      .nullable()
      .comment('End of the last post-change observation window');
    table.double('realized_to_date').notNullable().defaultTo(0);
    table.double('measured_monthly_savings').nullable();
    table.index(['detector', 'shard', 'state'], 'opportunities_shard_idx');
    table.index(['state', 'monthly_savings'], 'opportunities_state_idx');
    table.index(['entity_ref'], 'opportunities_entity_idx');
    table.index(['owner_ref'], 'opportunities_owner_idx');
    table.index(['system_ref'], 'opportunities_system_idx');
  });

  await knex.schema.createTable('opportunity_ledger', table => {
    table.comment('Every state change of an opportunity: who, when, why');
    table.bigIncrements('id');
    table
      .uuid('opportunity_id')
      .notNullable()
      .references('id')
      .inTable('opportunities')
      .onDelete('CASCADE');
    table.string('from_state', 16).nullable();
    table.string('to_state', 16).notNullable();
    table.string('actor', 255).notNullable();
    table.text('note').nullable();
    table.text('data').notNullable();
    table.double('monthly_savings').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['opportunity_id', 'id'], 'opportunity_ledger_opportunity_idx');
    table.index(['created_at'], 'opportunity_ledger_created_idx');
  });

  await knex.schema.createTable('opportunity_observations', table => {
    table.comment('Post-change measurements: usage and cost after a change');
    table.bigIncrements('id');
    table
      .uuid('opportunity_id')
      .notNullable()
      .references('id')
      .inTable('opportunities')
      .onDelete('CASCADE');
    table.timestamp('window_start', { useTz: true }).notNullable();
    table.timestamp('window_end', { useTz: true }).notNullable();
    table.boolean('applied').notNullable();
    table.double('baseline_cost').notNullable();
    table.double('actual_cost').notNullable();
    table.double('savings').notNullable();
    table.double('peak_utilization').nullable();
    table.string('cost_source', 64).notNullable();
    table.timestamp('observed_at', { useTz: true }).notNullable();
    table.index(
      ['opportunity_id', 'window_end'],
      'opportunity_observations_idx',
    );
    table.index(['window_end'], 'opportunity_observations_end_idx');
  });

  await knex.schema.createTable('savings_reports', table => {
    table.comment('Weekly CFO/CTO savings reports, with their files');
    table.uuid('id').primary();
    table.timestamp('period_start', { useTz: true }).notNullable().unique();
    table.timestamp('period_end', { useTz: true }).notNullable();
    table.timestamp('generated_at', { useTz: true }).notNullable();
    table.text('content').notNullable().comment('SavingsReportContent as JSON');
    table.text('html', 'longtext').notNullable();
    table.binary('pdf').notNullable();
  });
};

/**
 * @param { import("knex").Knex } knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('savings_reports');
  await knex.schema.dropTable('opportunity_observations');
  await knex.schema.dropTable('opportunity_ledger');
  await knex.schema.dropTable('opportunities');
};
