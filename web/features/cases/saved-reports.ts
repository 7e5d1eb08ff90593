import type { SavedReport } from './types.ts';

const KEY = 'gongzhi.reports';

/** Reports made from this browser: the tracking number and the secret that lets the reporter verify. */
export function savedReports(): SavedReport[] {
  try {
    const parsed = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as SavedReport[]).filter((r) => typeof r?.trackingNo === 'string' && typeof r?.token === 'string') : [];
  } catch {
    return [];
  }
}

export function saveReport(report: Omit<SavedReport, 'savedAt'>): void {
  const list = [{ ...report, savedAt: new Date().toISOString() }, ...savedReports().filter((r) => r.trackingNo !== report.trackingNo)].slice(0, 20);
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(list));
  } catch {
    // Private browsing may refuse storage: the tracking number is on screen to write down.
  }
}

export function tokenFor(trackingNo: string): string | undefined {
  return savedReports().find((r) => r.trackingNo === trackingNo)?.token;
}
