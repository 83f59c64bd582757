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
 * The attempts a delivery ever had, kept when an operator retries a dead
 * delivery (which starts `attempts` again from 0): a delivery tried before
 * may already have reached its channel, which then looks for the earlier
 * copy instead of sending a second. A delivery stored before whose last
 * attempt failed counts one more, as it may have been retried by hand
 * already (a retry left its error).
 *
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('action_outbox', table => {
    table
      .integer('total_attempts')
      .notNullable()
      .defaultTo(0)
      .comment('Attempts ever started, kept by a manual retry');
  });
  await knex('action_outbox').update({
    total_attempts: knex.raw(
      'attempts + (CASE WHEN last_error IS NULL THEN 0 ELSE 1 END)',
    ),
  });
};

/**
 * @param { import("knex").Knex } knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('action_outbox', table => {
    table.dropColumn('total_attempts');
  });
};
