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
 * A revision per detector state row, for optimistic saves: a replica writes
 * a series only if the row is still at the revision it read, so replicas
 * continue each other's state instead of overwriting it. Existing rows start
 * at revision 1.
 *
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('detector_states', table => {
    table
      .bigInteger('revision')
      .notNullable()
      .defaultTo(1)
      .comment('Times the row has been written; a save names the one it read');
  });
};

/**
 * @param { import("knex").Knex } knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('detector_states', table => {
    table.dropColumn('revision');
  });
};
