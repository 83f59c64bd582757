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
 * The action dispatcher: the outbox of deliveries (notifications, tickets,
 * remediation steps) written in the transaction of the incident change that
 * caused them, and remediation requests with their approvals.
 *
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('action_outbox', table => {
    table.comment('Deliveries of the action dispatcher, at least once each');
    table
      .bigIncrements('seq')
      .primary()
      .comment('Order of deliveries within a conversation');
    table.uuid('id').notNullable().unique();
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('kind', 16).notNullable().comment('notify, ticket, remediate');
    table.string('channel', 64).notNullable();
    table.string('target', 255).nullable();
    table.string('event', 32).notNullable();
    table
      .string('conversation', 400)
      .notNullable()
      .comment('incident, channel and target: delivered in order');
    table.string('idempotency_key', 128).notNullable().unique();
    table.text('payload').notNullable().comment('JSON: what to deliver');
    table.string('status', 16).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.integer('max_attempts').notNullable();
    table.timestamp('next_attempt_at', { useTz: true }).nullable();
    table
      .timestamp('lease_until', { useTz: true })
      .nullable()
      .comment('A delivering row whose lease ran out is taken again');
    table.text('last_error').nullable();
    table.text('result').notNullable().comment('JSON: what the channel said');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('delivered_at', { useTz: true }).nullable();
    table.index(['status', 'next_attempt_at'], 'action_outbox_due_idx');
    table.index(['conversation', 'seq'], 'action_outbox_conversation_idx');
    table.index(['incident_id', 'created_at'], 'action_outbox_incident_idx');
  });

  await knex.schema.createTable('remediation_requests', table => {
    table.comment('Remediation requests, their policy result and outcome');
    table.uuid('id').primary().notNullable();
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('rule_id', 255).nullable();
    table.string('executor', 64).notNullable();
    table.string('ref', 512).notNullable();
    table.text('parameters').notNullable();
    table.string('requested_by', 255).notNullable();
    table.string('state', 24).notNullable();
    table.string('severity', 16).notNullable();
    table.text('policy').notNullable();
    table.text('dry_run').nullable();
    table.text('outcome').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['incident_id'], 'remediation_requests_incident_idx');
    table.index(['state'], 'remediation_requests_state_idx');
  });

  await knex.schema.createTable('remediation_decisions', table => {
    table.comment('Approvers’ decisions: one per approver and request');
    table.bigIncrements('id').primary();
    table
      .uuid('request_id')
      .notNullable()
      .references('id')
      .inTable('remediation_requests')
      .onDelete('CASCADE');
    table.string('actor', 255).notNullable();
    table.string('decision', 16).notNullable();
    table.string('via', 32).notNullable();
    table.text('comment').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.unique(['request_id', 'actor'], {
      indexName: 'remediation_decisions_actor_idx',
    });
  });
};

/**
 * @param { import("knex").Knex } knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('remediation_decisions');
  await knex.schema.dropTable('remediation_requests');
  await knex.schema.dropTable('action_outbox');
};
