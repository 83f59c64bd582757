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
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incidents', table => {
    table.comment('Incidents raised by rules, sources or people');
    table.uuid('id').primary().notNullable().comment('Incident id');
    table.string('title', 300).notNullable();
    table.text('description').nullable();
    table
      .string('severity', 16)
      .notNullable()
      .comment('critical | high | warning | info');
    table
      .string('state', 16)
      .notNullable()
      .comment('open | acknowledged | mitigated | resolved');
    table
      .string('entity_ref', 255)
      .nullable()
      .comment('Catalog entity the incident belongs to; null when unknown');
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'created_at'], 'incidents_entity_created_idx');
    table.index(['created_at'], 'incidents_created_idx');
  });
};

/**
 * @param { import("knex").Knex } knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('incidents');
};
