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
 * Streaming detectors' state per series, so that a restart or another
 * replica continues where one stopped.
 *
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('detector_states', table => {
    table.comment(
      'Snapshots of the anomaly detectors and forecasters, one row per kind and series',
    );
    table
      .string('kind', 32)
      .notNullable()
      .comment('Which detector: anomaly, forecast, …');
    table
      .string('series_id', 512)
      .notNullable()
      .comment(
        'The series, as the rule engine names it: rule id / fingerprint',
      );
    table.text('state').notNullable().comment('The detector state as JSON');
    table
      .bigInteger('last_timestamp')
      .notNullable()
      .comment('Epoch milliseconds of the last point learned from');
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['kind', 'series_id']);
    table.index(['updated_at'], 'detector_states_updated_idx');
  });
};

/**
 * @param { import("knex").Knex } knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('detector_states');
};
