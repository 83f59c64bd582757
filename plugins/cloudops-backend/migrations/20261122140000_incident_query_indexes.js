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
 * An entity's incidents are those on it and those whose candidate root cause
 * it is: index both sides of that filter. Statistics over a time window read
 * a covering index instead of whole rows.
 *
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incidents', table => {
    table.index(
      ['candidate_entity_ref', 'created_at'],
      'incidents_candidate_created_idx',
    );
    table.index(
      ['created_at', 'severity', 'state', 'acknowledged_at', 'resolved_at'],
      'incidents_stats_idx',
    );
  });
};

/**
 * @param { import("knex").Knex } knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incidents', table => {
    table.dropIndex([], 'incidents_candidate_created_idx');
    table.dropIndex([], 'incidents_stats_idx');
  });
};
