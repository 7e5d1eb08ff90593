import { currentLang, type Lang } from './i18n.tsx';

function locale(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en-GB';
}

export function formatNumber(value: number, lang: Lang = currentLang()): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 2 }).format(value);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local date and time as `2026-11-28 18:53`: unambiguous in both languages and sorts as text. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.length === 10 ? iso : formatDateTime(iso).slice(0, 10);
}

/** A cell as text: objects become compact JSON, empty stays empty. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV with a byte-order mark so that Excel opens the Chinese text correctly. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): Blob {
  const lines = [header.map(csvField).join(','), ...rows.map((row) => row.map((v) => csvField(cellText(v))).join(','))];
  return new Blob(['\uFEFF', lines.join('\r\n'), '\r\n'], { type: 'text/csv;charset=utf-8' });
}
