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
 * The demo fleet's chaos scenarios: the faults injected into the simulated
 * fleet, shared by every backend replica (the simulation is a function of
 * time and of these rows). Times are the simulation's, in epoch
 * milliseconds.
 *
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('cloudops_demo_scenarios', table => {
    table.comment('Faults injected into the simulated demo fleet');
    table.uuid('id').primary().notNullable();
    table.string('kind', 32).notNullable();
    table.string('target', 255).notNullable().comment('The entity ref');
    table.string('node', 255).nullable().comment('For node-not-ready');
    table.bigInteger('started_at').notNullable().comment('Simulation ms');
    table
      .bigInteger('ends_at')
      .notNullable()
      .comment('When it ends on its own (simulation ms)');
    table.bigInteger('ended_at').nullable().comment('Simulation ms');
    table.string('ended_by', 512).nullable();
    table.string('requested_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['started_at'], 'cloudops_demo_scenarios_started_idx');
  });
};

/**
 * @param { import("knex").Knex } knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cloudops_demo_scenarios');
};
