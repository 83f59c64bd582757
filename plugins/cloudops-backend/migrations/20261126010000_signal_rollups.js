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

/** Width of a rollup bucket; the same constant as `signalRollups.ts`. */
const BUCKET_MS = 15_000;

/**
 * Metric series rolled up at ingestion into 15-second buckets (sum, count
 * and first datapoint time per series, entity it was filed under and
 * bucket), so the RCA reads a
 * series' history at a cost that grows with the window, not with how often
 * the series is sampled. Keyed time first, so a group commit's upserts land
 * in the newest buckets' pages. Back-filled from the stored datapoints.
 *
 * @param { import("knex").Knex } knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('signal_rollups', table => {
    table.comment(
      'Per-series 15-second sums of metric datapoints, kept at ingestion for the RCA',
    );
    table
      .bigInteger('bucket_at')
      .notNullable()
      .comment('Epoch ms of the bucket start');
    table.string('fingerprint', 128).notNullable();
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment("The entity the datapoints were filed under; '' for none");
    table.string('name', 255).notNullable();
    table.text('labels').notNullable();
    table.double('total').notNullable();
    table.integer('count').notNullable();
    table
      .bigInteger('first_at')
      .notNullable()
      .comment('Epoch ms of the first datapoint');
    table.unique(['bucket_at', 'fingerprint', 'entity_ref'], {
      indexName: 'signal_rollups_key_idx',
    });
    table.index(['entity_ref', 'bucket_at'], 'signal_rollups_entity_idx');
  });
  const isPostgres = String(knex.client.config.client).includes('pg');
  const epochMs = isPostgres
    ? '(extract(epoch from observed_at) * 1000)::bigint'
    : 'observed_at';
  await knex.raw(
    `insert into signal_rollups (bucket_at, fingerprint, entity_ref, name, labels, total, count, first_at)
     select ${epochMs} / ${BUCKET_MS} * ${BUCKET_MS}, fingerprint, coalesce(entity_ref, ''),
            max(name), max(labels), sum(value), count(*), min(${epochMs})
       from signals
      where kind = 'metric' and value is not null
      group by ${epochMs} / ${BUCKET_MS}, fingerprint, coalesce(entity_ref, '')`,
  );
};

/**
 * @param { import("knex").Knex } knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('signal_rollups');
};
