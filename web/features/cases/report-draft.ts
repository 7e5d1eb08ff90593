import { signedInKey } from '../../lib/signed-in-storage.ts';
import type { Point } from './components/location-picker.tsx';

/**
 * A report being written, kept on this phone until it is sent: a dropped connection or a closed
 * page does not lose what a resident or grid worker typed. Photos are not kept (too large for the
 * browser's storage); the form says to add them again.
 */
export interface ReportDraft {
  point: Point | null;
  category: string | undefined;
  attributes: Record<string, string>;
  description: string;
  address: string;
  /** The caller's name (the staff form only). */
  name: string;
  phone: string;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * Whose draft: the public form's (a resident's own phone) or one staff member's, kept under their
 * account and removed when anyone signs out (a staff draft may hold a caller's name and phone).
 */
export type DraftOwner = 'public' | { staff: string };

const keyOf = (owner: DraftOwner) => (owner === 'public' ? 'gongzhi.report-draft.public' : signedInKey(owner.staff, 'report-draft'));

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage refused (some private modes)
  }
}

/**
 * Worth keeping once something is described: a pin and a category alone take a moment to redo, and
 * the form keeps them after a report is sent (for the next one nearby) without calling them a draft.
 */
const isEmpty = (d: ReportDraft) => !d.description.trim();

/** The kept draft, or null when there is none (or it cannot be read). */
export function loadDraft(form: DraftOwner, store: Storage | undefined = storage()): ReportDraft | null {
  try {
    const raw = store?.getItem(keyOf(form));
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<ReportDraft>;
    const point = d.point && Number.isFinite(d.point.lat) && Number.isFinite(d.point.lng) ? { lat: d.point.lat, lng: d.point.lng } : null;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const attributes = d.attributes && typeof d.attributes === 'object' ? Object.fromEntries(Object.entries(d.attributes).filter(([, v]) => typeof v === 'string')) : {};
    const draft: ReportDraft = { point, category: typeof d.category === 'string' ? d.category : undefined, attributes, description: text(d.description), address: text(d.address), name: text(d.name), phone: text(d.phone) };
    return isEmpty(draft) ? null : draft;
  } catch {
    return null;
  }
}

/** Keep the draft (an empty form removes it). */
export function saveDraft(form: DraftOwner, draft: ReportDraft, store: Storage | undefined = storage()): void {
  try {
    if (isEmpty(draft)) store?.removeItem(keyOf(form));
    else store?.setItem(keyOf(form), JSON.stringify(draft));
  } catch {
    // Storage full or refused: the form still holds it while the page is open.
  }
}

export function clearDraft(form: DraftOwner, store: Storage | undefined = storage()): void {
  try {
    store?.removeItem(keyOf(form));
  } catch {
    // nothing kept, nothing to clear
  }
}
