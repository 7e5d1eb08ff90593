import { describe, expect, test } from 'vitest';
import { cellText, formatDate, formatNumber, toCsv } from './format.ts';

describe('format', () => {
  test('numbers group thousands', () => {
    expect(formatNumber(72000, 'zh')).toBe('72,000');
  });

  test('cells become text: objects as JSON, nothing as empty', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(7)).toBe('7');
    expect(cellText({ a: 1 })).toBe('{"a":1}');
  });

  test('dates stay as given; date-times are cut to the day', () => {
    expect(formatDate('2026-11-28')).toBe('2026-11-28');
    expect(formatDate(null)).toBe('—');
  });

  test('CSV opens in Excel: a byte-order mark, quoted commas and quotes', async () => {
    const blob = toCsv(['名称', '备注'], [['怡湖社区', 'a, "b"']]);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe('名称,备注\r\n怡湖社区,"a, ""b"""\r\n');
  });
});
