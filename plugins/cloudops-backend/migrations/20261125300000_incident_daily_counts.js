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
 * Incident counts per UTC day of opening and per every dimension the stats
 * API filters or groups by, with the sums behind MTTA and MTTR. The incident
 * store keeps them in the same transaction as the incident change that moves
 * them; statistics over whole days read these instead of the incidents. Null
 * dimensions are stored as '' so that the key is unique on both databases.
 * Back-fills the incidents that exist.
 *
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incident_daily_counts', table => {
    table.comment('Incident counts per day of opening and stats dimension');
    table
      .integer('day')
      .notNullable()
      .comment('UTC day the incidents were opened, in days since 1970-01-01');
    table.string('severity', 16).notNullable();
    table.string('state', 16).notNullable();
    for (const column of [
      'entity_ref',
      'candidate_entity_ref',
      'system_ref',
      'owner_ref',
    ]) {
      table.string(column, 255).notNullable().comment("'' when none");
    }
    table.string('account', 64).notNullable().comment("'' when none");
    table.bigInteger('n').notNullable().comment('Incidents in this cell');
    table.bigInteger('ack_n').notNullable().comment('Of them acknowledged');
    table
      .bigInteger('ack_ms')
      .notNullable()
      .comment('Sum of opened→acknowledged, milliseconds');
    table.bigInteger('res_n').notNullable().comment('Of them resolved');
    table
      .bigInteger('res_ms')
      .notNullable()
      .comment('Sum of opened→resolved, milliseconds');
    table.primary(
      [
        'day',
        'severity',
        'state',
        'entity_ref',
        'candidate_entity_ref',
        'system_ref',
        'owner_ref',
        'account',
      ],
      'incident_daily_counts_pkey',
    );
  });

  const isPostgres = String(knex.client.config.client).includes('pg');
  const day = isPostgres
    ? 'floor(extract(epoch from created_at) / 86400)::integer'
    : 'cast(created_at / 86400000 as integer)';
  const ms = (/** @type {string} */ column) =>
    isPostgres
      ? `round(extract(epoch from (${column} - created_at)) * 1000)::bigint`
      : `(${column} - created_at)`;
  const dimensions = [
    'severity',
    'state',
    "coalesce(entity_ref, '')",
    "coalesce(candidate_entity_ref, '')",
    "coalesce(system_ref, '')",
    "coalesce(owner_ref, '')",
    "coalesce(account, '')",
  ];
  await knex.raw(
    `insert into incident_daily_counts
       (day, severity, state, entity_ref, candidate_entity_ref, system_ref,
        owner_ref, account, n, ack_n, ack_ms, res_n, res_ms)
     select ${day}, ${dimensions.join(', ')}, count(*),
       count(acknowledged_at), coalesce(sum(${ms('acknowledged_at')}), 0),
       count(resolved_at), coalesce(sum(${ms('resolved_at')}), 0)
     from incidents
     group by ${day}, ${dimensions.join(', ')}`,
  );
};

/**
 * @param { import("knex").Knex } knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('incident_daily_counts');
};
