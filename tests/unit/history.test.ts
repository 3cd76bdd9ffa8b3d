import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { addHistory, clearHistory, findCopy, historyItem, historyToCsv, historyToJson, listHistory, MAX_HISTORY, searchHistory, sha256Hex, type HistoryEntry } from '../../src/history/history.ts';

const entry = (i: number, over: Partial<HistoryEntry> = {}): HistoryEntry => ({
  at: new Date(Date.UTC(2026, 10, 21, 10, i)).toISOString(),
  site: 'okx.com',
  purpose: 'Only for okx.com identity verification',
  code: `AB${String(i).padStart(2, '0')}-CDEF`,
  mode: 'stamp',
  type: 'image/jpeg',
  sha256: i.toString(16).padStart(64, '0'),
  ...over,
});

describe('history', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps newest first, capped, and skips damaged entries', async () => {
    await addHistory(entry(1));
    await addHistory(entry(2));
    expect((await listHistory()).map((e) => e.code)).toEqual(['AB02-CDEF', 'AB01-CDEF']);
    await historyItem.setValue([entry(3), { at: 'x' }, 'junk', null]);
    expect(await listHistory()).toEqual([entry(3)]);
    await historyItem.setValue('not a list');
    expect(await listHistory()).toEqual([]);
    await historyItem.setValue(Array.from({ length: MAX_HISTORY }, (_, i) => entry(i % 60)));
    await addHistory(entry(59, { site: 'newest.com' }));
    const list = await listHistory();
    expect(list.length).toBe(MAX_HISTORY);
    expect(list[0]!.site).toBe('newest.com');
    await clearHistory();
    expect(await listHistory()).toEqual([]);
  });

  it('searches every field, case-insensitively', () => {
    const list = [entry(1), entry(2, { site: 'binance.com', purpose: '仅用于币安身份认证', type: 'application/pdf' })];
    expect(searchHistory(list, 'BINANCE')).toHaveLength(1);
    expect(searchHistory(list, '币安')).toHaveLength(1);
    expect(searchHistory(list, 'ab01')).toEqual([list[0]]);
    expect(searchHistory(list, 'pdf')).toHaveLength(1);
    expect(searchHistory(list, '  ')).toHaveLength(2);
  });

  it('exports CSV that spreadsheets read safely, and JSON that parses back', () => {
    const list = [entry(1, { purpose: 'He said "hi", then left' }), entry(2, { purpose: '=HYPERLINK("x")', site: '仅用于.com' })];
    const csv = historyToCsv(list);
    expect(csv.startsWith('\uFEFFat,name,site,purpose,code,mode,type,pages,sha256\r\n')).toBe(true);
    expect(csv).toContain('"He said ""hi"", then left"');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv.trim().split('\r\n')).toHaveLength(3);
    expect(JSON.parse(historyToJson(list))).toEqual(list);
  });

  it('fingerprints files with SHA-256', async () => {
    expect(await sha256Hex(new Blob(['abc']))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('finds which copy a found file or a typed trace code is', () => {
    const list = [entry(1), entry(2, { mode: 'strip', code: '', purpose: '' }), entry(3)];
    expect(findCopy(list, { sha256: entry(3).sha256.toUpperCase() })).toEqual([entry(3)]);
    // Typed from a picture: any case, spaces or no dash.
    expect(findCopy(list, { code: 'ab01 cdef' })).toEqual([entry(1)]);
    expect(findCopy(list, { code: 'AB01CDEF' })).toEqual([entry(1)]);
    // Clean-only copies carry no code; a too-short code or an unknown one matches nothing.
    expect(findCopy(list, { code: '' })).toEqual([]);
    expect(findCopy(list, { code: 'AB' })).toEqual([]);
    expect(findCopy(list, { code: 'ZZ99-ZZZZ' })).toEqual([]);
    expect(findCopy(list, { sha256: 'f'.repeat(64) })).toEqual([]);
  });
});
