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
 * Detector health: every scheduled run per detector and shard, and the
 * latest state of each (detector, shard) pair.
 *
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('detector_runs', table => {
    table.comment('Every run of a scheduled detector over one shard');
    table.bigIncrements('id').primary();
    table.string('detector', 128).notNullable();
    table
      .string('shard', 255)
      .notNullable()
      .comment('An account, a cluster; default when not sharded');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.integer('duration_ms').notNullable();
    table.integer('items').notNullable();
    table.string('outcome', 16).notNullable();
    table.text('error').nullable();
    table.index(['detector', 'shard', 'id'], 'detector_runs_shard_idx');
    table.index(['started_at'], 'detector_runs_started_idx');
  });

  await knex.schema.createTable('detector_health', table => {
    table.comment('The latest run of each detector on each shard');
    table.string('detector', 128).notNullable();
    table.string('shard', 255).notNullable();
    table.bigInteger('last_run_id').notNullable();
    table.timestamp('last_success_at', { useTz: true }).nullable();
    table.integer('consecutive_failures').notNullable().defaultTo(0);
    table.primary(['detector', 'shard']);
  });
};

/**
 * @param { import("knex").Knex } knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('detector_health');
  await knex.schema.dropTable('detector_runs');
};
