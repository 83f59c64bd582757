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
 * The alert keys an incident held when it resolved. The open keys of an
 * incident are deleted when it resolves (they make one holder per key among
 * unresolved incidents); kept here, a recurrence of any of them within the
 * reopen window reopens the incident (not only its first key's), and a
 * person reopening it takes them back.
 *
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incident_key_history', table => {
    table.comment(
      'The alert keys each incident held when it last resolved, for reopening it',
    );
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('dedup_key', 512).notNullable();
    table.string('entity_ref', 255).nullable();
    table.string('rule_id', 128).nullable();
    table.string('severity', 16).notNullable();
    table.timestamp('first_seen_at', { useTz: true }).notNullable();
    table.timestamp('last_seen_at', { useTz: true }).notNullable();
    table.primary(['incident_id', 'dedup_key']);
    table.index(['dedup_key'], 'incident_key_history_key_idx');
  });
};

/**
 * @param { import("knex").Knex } knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('incident_key_history');
};
