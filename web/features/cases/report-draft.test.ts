import { describe, expect, it } from 'vitest';
import { clearSignedInStorage } from '../../lib/signed-in-storage.ts';
import { clearDraft, loadDraft, saveDraft, type ReportDraft } from './report-draft.ts';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
    key: (i: number) => [...items.keys()][i] ?? null,
    get length() {
      return items.size;
    },
    items,
  };
}

const draft: ReportDraft = { point: { lat: 30.8945, lng: 104.2635 }, category: 'sanitation.garbage', attributes: { size: 'big' }, description: '垃圾堆了三天', address: '东门外', name: '', phone: '' };

describe('a report draft kept on the phone', () => {
  it('comes back as it was saved, per form', () => {
    const store = memoryStorage();
    saveDraft('public', draft, store);
    expect(loadDraft('public', store)).toEqual(draft);
    expect(loadDraft({ staff: 'u1' }, store)).toBeNull();
  });

  it('keeps a staff member’s draft for that user only, and drops every one at sign-out', () => {
    const store = memoryStorage();
    const withCaller = { ...draft, name: '李芳', phone: '13712345678' };
    saveDraft({ staff: 'u1' }, withCaller, store);
    saveDraft('public', draft, store);
    expect(loadDraft({ staff: 'u1' }, store)).toEqual(withCaller);
    expect(loadDraft({ staff: 'u2' }, store)).toBeNull();
    clearSignedInStorage(store);
    expect(loadDraft({ staff: 'u1' }, store)).toBeNull();
    expect(loadDraft('public', store)).toEqual(draft); // a resident's own draft is not a signed-in user's
  });

  it('is removed when its description is emptied (as after a report is sent) or the report is sent', () => {
    const store = memoryStorage();
    saveDraft('public', draft, store);
    saveDraft('public', { ...draft, description: '  ' }, store);
    expect(store.items.size).toBe(0);
    saveDraft({ staff: 'u1' }, draft, store);
    clearDraft({ staff: 'u1' }, store);
    expect(loadDraft({ staff: 'u1' }, store)).toBeNull();
  });

  it('ignores what it cannot read, and storage that refuses', () => {
    const store = memoryStorage();
    store.setItem('gongzhi.report-draft.public', '{not json');
    expect(loadDraft('public', store)).toBeNull();
    store.setItem('gongzhi.report-draft.public', JSON.stringify({ point: { lat: 'x', lng: 1 }, description: '路面塌陷', phone: 7, attributes: { a: 1, b: 'ok' }, category: 'roads.pavement' }));
    expect(loadDraft('public', store)).toEqual({ point: null, category: 'roads.pavement', attributes: { b: 'ok' }, description: '路面塌陷', address: '', name: '', phone: '' });
    store.setItem('gongzhi.report-draft.public', JSON.stringify({ point: { lat: 30.9, lng: 104.2 }, category: 'roads.pavement', description: '' }));
    expect(loadDraft('public', store)).toBeNull(); // nothing described yet: not a draft
    const refusing = { getItem: () => null, setItem: () => { throw new Error('quota'); }, removeItem: () => undefined };
    expect(() => saveDraft('public', draft, refusing)).not.toThrow();
    expect(loadDraft('public', undefined)).toBeNull();
  });
});
