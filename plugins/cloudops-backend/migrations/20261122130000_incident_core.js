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
 * The incident core: signals, correlation keys, timelines and the audit log.
 *
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incidents', table => {
    table
      .string('dedup_key', 512)
      .nullable()
      .comment('The dedup key that opened the incident');
    table.string('rule_id', 128).nullable();
    table
      .string('candidate_entity_ref', 255)
      .nullable()
      .comment('Upstream-most entity among the correlated alerts');
    table.string('system_ref', 255).nullable();
    table.string('owner_ref', 255).nullable();
    table.string('account', 64).nullable();
    table.string('assignee', 255).nullable();
    table.text('labels').notNullable().defaultTo('{}');
    table.integer('signal_count').notNullable().defaultTo(0);
    table.timestamp('last_signal_at', { useTz: true }).nullable();
    table.timestamp('acknowledged_at', { useTz: true }).nullable();
    table.timestamp('mitigated_at', { useTz: true }).nullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.index(['state', 'created_at'], 'incidents_state_created_idx');
    table.index(['system_ref', 'created_at'], 'incidents_system_created_idx');
    table.index(['owner_ref', 'created_at'], 'incidents_owner_created_idx');
    table.index(['account', 'created_at'], 'incidents_account_created_idx');
    table.index(['dedup_key', 'created_at'], 'incidents_dedup_created_idx');
  });

  await knex.schema.createTable('signals', table => {
    table.comment('Every signal received, deduplicated by content');
    table
      .string('id', 64)
      .primary()
      .comment('sha256 of fingerprint, timestamp, status and value');
    table.string('fingerprint', 128).notNullable();
    table.string('source', 64).notNullable();
    table.string('kind', 16).notNullable();
    table.string('name', 255).notNullable();
    table.string('status', 16).nullable();
    table.double('value').nullable();
    table.string('account', 64).nullable();
    table.string('region', 64).nullable();
    table.string('resource', 512).nullable();
    table.text('labels').notNullable();
    table.text('message').nullable();
    table.string('entity_ref', 255).nullable();
    table.uuid('incident_id').nullable();
    table.timestamp('observed_at', { useTz: true }).notNullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.index(['fingerprint', 'observed_at'], 'signals_fingerprint_idx');
    table.index(['incident_id'], 'signals_incident_idx');
    table.index(['entity_ref', 'observed_at'], 'signals_entity_idx');
  });

  await knex.schema.createTable('incident_open_keys', table => {
    table.comment(
      'One row per dedup key of an incident that is not resolved: the unique key makes concurrent replicas agree on one incident per key',
    );
    table.string('dedup_key', 512).primary();
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('entity_ref', 255).nullable();
    table.string('rule_id', 128).nullable();
    table.string('severity', 16).notNullable();
    table.string('status', 16).notNullable().comment('firing | resolved');
    table.timestamp('first_seen_at', { useTz: true }).notNullable();
    table.timestamp('last_seen_at', { useTz: true }).notNullable();
    table.index(['incident_id'], 'incident_open_keys_incident_idx');
  });

  await knex.schema.createTable('incident_events', table => {
    table.comment('The timeline of every incident');
    table.bigIncrements('id');
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('type', 32).notNullable();
    table.string('actor', 255).notNullable();
    table.text('message').notNullable();
    table.text('data').notNullable().defaultTo('{}');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['incident_id', 'id'], 'incident_events_incident_idx');
  });

  await knex.schema.createTable('audit_events', table => {
    table.comment('Append-only record of every mutation and decision');
    table.bigIncrements('id');
    table.string('action', 64).notNullable();
    table.string('actor', 255).notNullable();
    table.string('target', 255).nullable();
    table.string('outcome', 16).notNullable().comment('succeeded | failed');
    table.text('meta').notNullable().defaultTo('{}');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['target', 'id'], 'audit_events_target_idx');
  });
};

/**
 * @param { import("knex").Knex } knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('audit_events');
  await knex.schema.dropTable('incident_events');
  await knex.schema.dropTable('incident_open_keys');
  await knex.schema.dropTable('signals');
  await knex.schema.alterTable('incidents', table => {
    table.dropIndex([], 'incidents_state_created_idx');
    table.dropIndex([], 'incidents_system_created_idx');
    table.dropIndex([], 'incidents_owner_created_idx');
    table.dropIndex([], 'incidents_account_created_idx');
    table.dropIndex([], 'incidents_dedup_created_idx');
    for (const column of [
      'dedup_key',
      'rule_id',
      'candidate_entity_ref',
      'system_ref',
      'owner_ref',
      'account',
      'assignee',
      'labels',
      'signal_count',
      'last_signal_at',
      'acknowledged_at',
      'mitigated_at',
      'resolved_at',
    ]) {
      table.dropColumn(column);
    }
  });
};
