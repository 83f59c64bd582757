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
 * An insert-only signals table, so each stored signal costs fewer B-tree
 * writes: duplicates are found by one unique index on (fingerprint,
 * observed_at, id), which also serves the series reads, instead of a primary
 * key on the content hash (a random insertion point per row) plus a
 * fingerprint index; and the signals an incident was formed from are kept in
 * `incident_signals` instead of an indexed, updated column of every row.
 *
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incident_signals', table => {
    table.comment('The stored signals each incident was formed from');
    table.uuid('incident_id').notNullable();
    table.timestamp('observed_at', { useTz: true }).notNullable();
    table.string('fingerprint', 128).notNullable();
    table.string('signal_id', 64).notNullable();
    table.primary(['incident_id', 'observed_at', 'fingerprint', 'signal_id']);
  });
  await knex.raw(
    `insert into incident_signals (incident_id, observed_at, fingerprint, signal_id)
     select incident_id, observed_at, fingerprint, id from signals where incident_id is not null`,
  );
  await knex.schema.alterTable('signals', table => {
    table.dropIndex([], 'signals_incident_idx');
    table.dropIndex([], 'signals_fingerprint_idx');
  });
  await knex.schema.alterTable('signals', table => {
    table.dropColumn('incident_id');
    table.dropPrimary();
    table.unique(['fingerprint', 'observed_at', 'id'], {
      indexName: 'signals_series_idx',
    });
  });
};

/**
 * @param { import("knex").Knex } knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('signals', table => {
    table.dropUnique([], 'signals_series_idx');
    table.primary(['id']);
    table.uuid('incident_id').nullable();
    table.index(['fingerprint', 'observed_at'], 'signals_fingerprint_idx');
    table.index(['incident_id'], 'signals_incident_idx');
  });
  await knex.raw(
    `update signals set incident_id = (
       select l.incident_id from incident_signals l where l.signal_id = signals.id limit 1
     ) where id in (select signal_id from incident_signals)`,
  );
  await knex.schema.dropTable('incident_signals');
};
