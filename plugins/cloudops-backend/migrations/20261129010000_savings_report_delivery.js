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
 * When a weekly report was last announced to the delivery channels and when
 * one of them confirmed it: a stored report without a confirmation is
 * announced again by a later scheduled run. Reports stored before count as
 * announced and delivered when they were generated (the earlier version
 * announced them once and did not track delivery), so none is emailed twice.
 *
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('savings_reports', table => {
    table
      .timestamp('announced_at', { useTz: true })
      .nullable()
      .comment('When it was last announced to the delivery channels');
    table
      .timestamp('delivered_at', { useTz: true })
      .nullable()
      .comment('When a delivery channel confirmed it; null: announce again');
  });
  await knex('savings_reports').update({
    announced_at: knex.ref('generated_at'),
    delivered_at: knex.ref('generated_at'),
  });
};

/**
 * @param { import("knex").Knex } knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('savings_reports', table => {
    table.dropColumn('delivered_at');
    table.dropColumn('announced_at');
  });
};
