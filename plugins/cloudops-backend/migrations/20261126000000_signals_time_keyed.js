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
 * Signal indexes that new rows append to rather than scatter across, so a
 * group commit dirties a few pages per index instead of one per series:
 * duplicates are found by a unique index on (observed_at, id) (the content
 * id already covers the series), and reads by entity go through
 * (kind, entity_ref, observed_at), which also narrows the RCA's change-event
 * and metric reads to their kind. They replace the unique index on
 * (fingerprint, observed_at, id), which put every one of thousands of series
 * at its own insertion point, and the index on (entity_ref, observed_at).
 *
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('signals', table => {
    table.unique(['observed_at', 'id'], { indexName: 'signals_time_idx' });
    table.index(
      ['kind', 'entity_ref', 'observed_at'],
      'signals_kind_entity_idx',
    );
  });
  await knex.schema.alterTable('signals', table => {
    table.dropUnique([], 'signals_series_idx');
    table.dropIndex([], 'signals_entity_idx');
  });
};

/**
 * @param { import("knex").Knex } knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('signals', table => {
    table.unique(['fingerprint', 'observed_at', 'id'], {
      indexName: 'signals_series_idx',
    });
    table.index(['entity_ref', 'observed_at'], 'signals_entity_idx');
  });
  await knex.schema.alterTable('signals', table => {
    table.dropUnique([], 'signals_time_idx');
    table.dropIndex([], 'signals_kind_entity_idx');
  });
};
