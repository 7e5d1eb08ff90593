import type { Kysely, Migration } from 'kysely';

export const orgsInit: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('orgs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('domain', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'text', (c) => c.references('orgs.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('region_path', 'text', (c) => c.notNull())
      // The town, village or community whose own party organisation this is (one each).
      .addColumn('anchor_region_code', 'text', (c) => c.unique())
      .addColumn('liaison_name', 'text')
      .addColumn('liaison_phone_enc', 'text')
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('resource_tags', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('need_tags', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('note', 'text')
      .addColumn('archived_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    // Town names repeat across a province, so a name is unique within its region only.
    await db.schema.createIndex('orgs_name_region').on('orgs').columns(['name', 'region_code']).unique().execute();
    await db.schema.createIndex('orgs_region_path').on('orgs').column('region_path').execute();
    await db.schema.createIndex('orgs_domain').on('orgs').columns(['domain', 'region_path']).execute();
    await db.schema.createIndex('orgs_parent').on('orgs').column('parent_id').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('orgs').execute();
  },
};
