import type { Kysely, Migration } from 'kysely';

export const casesInit: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('case_categories')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('parent_code', 'text', (c) => c.references('case_categories.code'))
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('force_type', 'text', (c) => c.notNull())
      .addColumn('limits_json', 'text', (c) => c.notNull())
      .addColumn('reporter_verifies', 'integer', (c) => c.notNull())
      .addColumn('attributes_json', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();

    await db.schema
      .createTable('cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tracking_no', 'text', (c) => c.notNull().unique())
      .addColumn('category_code', 'text', (c) => c.notNull().references('case_categories.code'))
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('lat', 'double precision')
      .addColumn('lng', 'double precision')
      .addColumn('address', 'text')
      .addColumn('attributes_json', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('reporter_user_id', 'text')
      .addColumn('reporter_phone_enc', 'text')
      .addColumn('reporter_phone_index', 'text')
      .addColumn('reporter_token_hash', 'text')
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('region_path', 'text', (c) => c.notNull())
      .addColumn('region_name', 'text', (c) => c.notNull())
      .addColumn('region_level', 'text', (c) => c.notNull())
      .addColumn('route_method', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('assignee_kind', 'text')
      .addColumn('assignee_id', 'text')
      .addColumn('assignee_name', 'text')
      .addColumn('deadline', 'text')
      .addColumn('escalation_level', 'text', (c) => c.notNull())
      .addColumn('escalated_for', 'text')
      .addColumn('missed_deadline', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('state_json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      .addColumn('closed_on_time', 'integer')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('cases_region').on('cases').columns(['region_path', 'status']).execute();
    await db.schema.createIndex('cases_status_deadline').on('cases').columns(['status', 'deadline']).execute();
    await db.schema.createIndex('cases_created').on('cases').column('created_at').execute();
    await db.schema.createIndex('cases_assignee').on('cases').columns(['assignee_id', 'status']).execute();
    await db.schema.createIndex('cases_nearby').on('cases').columns(['category_code', 'lat']).execute();

    await db.schema
      .createTable('case_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text')
      .addColumn('actor_role', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('detail_json', 'text')
      .addColumn('public', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('case_events_case').on('case_events').columns(['case_id', 'id']).execute();

    await db.schema
      .createTable('case_photos')
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_photos_pk', ['case_id', 'stage', 'hash'])
      .execute();

    await db.schema
      .createTable('case_counters')
      .addColumn('day', 'text', (c) => c.primaryKey())
      .addColumn('last', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.references('cases.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('target_user_id', 'text')
      .addColumn('target_member_id', 'text')
      .addColumn('target_region_path', 'text')
      .addColumn('target_role', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('notifications_user').on('notifications').columns(['target_user_id', 'created_at']).execute();
    await db.schema.createIndex('notifications_member').on('notifications').columns(['target_member_id', 'created_at']).execute();
    await db.schema.createIndex('notifications_region').on('notifications').columns(['target_role', 'target_region_path']).execute();

    // Region- and member-addressed notifications are read by each person separately.
    await db.schema
      .createTable('notification_reads')
      .addColumn('notification_id', 'text', (c) => c.notNull().references('notifications.id'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('read_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('notification_reads_pk', ['notification_id', 'user_id'])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const table of ['notification_reads', 'notifications', 'case_counters', 'case_photos', 'case_events', 'cases', 'case_categories']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
