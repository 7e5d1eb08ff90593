import type { Kysely, Migration } from 'kysely';

export const regionsInit: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('regions')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('parent_code', 'text', (c) => c.references('regions.code'))
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('short_name', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('depth', 'integer', (c) => c.notNull())
      .addColumn('geometry', 'text')
      .addColumn('min_lng', 'double precision')
      .addColumn('min_lat', 'double precision')
      .addColumn('max_lng', 'double precision')
      .addColumn('max_lat', 'double precision')
      .addColumn('seat_lng', 'double precision')
      .addColumn('seat_lat', 'double precision')
      .addColumn('valid_from', 'text')
      .addColumn('valid_to', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('regions_parent').on('regions').column('parent_code').execute();
    await db.schema.createIndex('regions_path').on('regions').column('path').execute();
    await db.schema.createIndex('regions_level').on('regions').columns(['level', 'path']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('regions').execute();
  },
};
