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
 * Signal retention keeps the signals an incident was formed from: this index
 * finds a signal's incident links by the signal's own key (time first, so
 * new links append), where the primary key starts with the incident.
 *
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incident_signals', table => {
    table.index(['observed_at', 'signal_id'], 'incident_signals_signal_idx');
  });
};

/**
 * @param { import("knex").Knex } knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incident_signals', table => {
    table.dropIndex([], 'incident_signals_signal_idx');
  });
};
