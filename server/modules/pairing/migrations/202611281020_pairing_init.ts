import { sql, type Kysely, type Migration } from 'kysely';

export const pairingInit: Migration = {
  async up(db: Kysely<any>) {
    const stamps = (t: ReturnType<Kysely<any>['schema']['createTable']>) =>
      t
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1));

    await stamps(
      db.schema
        .createTable('pairing_mechanisms')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('name_zh', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('slots', 'text', (c) => c.notNull())
        .addColumn('sort', 'integer', (c) => c.notNull()),
    ).execute();

    await stamps(
      db.schema
        .createTable('pairing_modes')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('name_zh', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('sort', 'integer', (c) => c.notNull()),
    ).execute();

    await stamps(
      db.schema
        .createTable('pairing_task_templates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('mode_key', 'text', (c) => c.notNull().references('pairing_modes.key'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('due_days', 'integer', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('sort', 'integer', (c) => c.notNull()),
    ).execute();
    await db.schema.createIndex('pairing_task_templates_mode').on('pairing_task_templates').column('mode_key').execute();

    await stamps(
      db.schema
        .createTable('pairings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('mode_key', 'text', (c) => c.notNull().references('pairing_modes.key'))
        .addColumn('mechanism_key', 'text', (c) => c.notNull().references('pairing_mechanisms.key'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text')
        // Home region: the helped party's (the first one when several are helped).
        .addColumn('region_code', 'text', (c) => c.notNull())
        .addColumn('region_path', 'text', (c) => c.notNull())
        .addColumn('party_key', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('status_reason', 'text')
        .addColumn('capacity_override', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('run_id', 'text')
        .addColumn('created_by', 'text')
        .addColumn('activated_at', 'text')
        .addColumn('ended_at', 'text'),
    ).execute();
    await db.schema.createIndex('pairings_status').on('pairings').columns(['status', 'mode_key']).execute();
    await db.schema.createIndex('pairings_region_path').on('pairings').column('region_path').execute();
    // The same parties under the same mode are active at most once, whatever races the writers run.
    await db.schema
      .createIndex('pairings_one_active')
      .on('pairings')
      .columns(['mode_key', 'party_key'])
      .unique()
      .where(sql.ref('status'), '=', 'active')
      .execute();

    await db.schema
      .createTable('pairing_parties')
      .addColumn('pairing_id', 'text', (c) => c.notNull().references('pairings.id').onDelete('cascade'))
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('is_lead', 'integer', (c) => c.notNull())
      // The party's domain and region as they were when the pairing was made.
      .addColumn('domain', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('region_path', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pairing_parties_pk', ['pairing_id', 'org_id'])
      .execute();
    await db.schema.createIndex('pairing_parties_org').on('pairing_parties').column('org_id').execute();
    await db.schema.createIndex('pairing_parties_region_path').on('pairing_parties').column('region_path').execute();

    await stamps(
      db.schema
        .createTable('pairing_tasks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('pairing_id', 'text', (c) => c.notNull().references('pairings.id').onDelete('cascade'))
        .addColumn('template_id', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('owner_org_id', 'text', (c) => c.notNull())
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('progress', 'integer', (c) => c.notNull())
        .addColumn('sort', 'integer', (c) => c.notNull()),
    ).execute();
    await db.schema.createIndex('pairing_tasks_pairing').on('pairing_tasks').column('pairing_id').execute();

    await db.schema
      .createTable('pairing_task_evidence')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('task_id', 'text', (c) => c.notNull().references('pairing_tasks.id').onDelete('cascade'))
      .addColumn('note', 'text')
      .addColumn('photos', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_by', 'text')
      .addColumn('created_by_name', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('pairing_task_evidence_task').on('pairing_task_evidence').column('task_id').execute();

    await db.schema
      .createTable('pairing_matchmaker_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('params', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const table of ['pairing_matchmaker_runs', 'pairing_task_evidence', 'pairing_tasks', 'pairing_parties', 'pairings', 'pairing_task_templates', 'pairing_modes', 'pairing_mechanisms']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
