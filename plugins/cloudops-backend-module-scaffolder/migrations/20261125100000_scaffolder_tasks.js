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
 * The scaffolder executor's claims: one row per remediation step (its
 * idempotency key), written before the task is started and given the task
 * id once the scaffolder returns it, so a retried step follows its task
 * instead of starting a second one.
 *
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('cloudops_scaffolder_tasks', table => {
    table.comment('Scaffolder tasks started by remediation steps');
    table
      .string('idempotency_key', 255)
      .primary()
      .comment('The remediation step the task belongs to');
    table
      .string('task_id', 255)
      .nullable()
      .comment('The scaffolder task, once started');
    table.string('template_ref', 255).notNullable();
    table.timestamp('claimed_at', { useTz: true }).notNullable();
  });
};

/** @param { import("knex").Knex } knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cloudops_scaffolder_tasks');
};
