import type { Kysely, Migration } from 'kysely';

/**
 * Whether the report form lists open cases of a category near the pin. Not for disputes: a list of
 * 婚姻家庭纠纷 on file five metres away tells anyone which household has one. The shipped dispute
 * categories start without it; an admin can change any category.
 */
export const casesListNearby: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('case_categories').addColumn('list_nearby', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    await db
      .updateTable('case_categories')
      .set({ list_nearby: 0 })
      .where((eb) => eb.or([eb('code', '=', 'dispute'), eb('code', 'like', 'dispute.%')]))
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('case_categories').dropColumn('list_nearby').execute();
  },
};
