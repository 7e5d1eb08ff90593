import type { Kysely, Migration } from 'kysely';

/** The name a caller gives (staff entering a report for them, Open311's first and last name): encrypted like the phone. */
export const casesReporterName: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('cases').addColumn('reporter_name_enc', 'text').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('cases').dropColumn('reporter_name_enc').execute();
  },
};
