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
 * An opportunity merged again (after a rejection) kept the observation
 * cursor of its earlier merge, so its next post-change window would start
 * before the merge and credit savings for the time in between. Entering
 * `merged` now sets the cursor to the merge; this moves the cursor of
 * every merged opportunity that still points before its merge up to it.
 * Nothing to undo: the old cursor was wrong.
 *
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex('opportunities')
    .where('state', 'merged')
    .whereRaw('observed_until < state_changed_at')
    .update({ observed_until: knex.ref('state_changed_at') });
};

/**
 * @param { import("knex").Knex } _knex
 */
exports.down = async function down(_knex) {};
