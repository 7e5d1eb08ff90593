import type { ChainCheck, StoredEntry } from '../../../server/platform/audit/domain.ts';

/** An entry of the hash-chained audit log, as GET /audit lists it. */
export type AuditEntry = StoredEntry;
export type AuditVerification = ChainCheck;

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}
