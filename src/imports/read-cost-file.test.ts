import { describe, expect, it } from 'vitest';
import { read, row } from '../../test/fixtures/costs/check.js';
import { readCostFile } from './index.js';

describe('bad files', () => {
  it('reports each bad cell with file, line, column, value and reason; keeps the good rows', () => {
    const r = read('bad-cells.csv');
    expect(r.platform).toBe('generic');
    expect(r.rows).toEqual([
      row({ line: 2, date: '2026-03-01', campaign: 'Brand', cost: '12.5', clicks: 10, currency: '' }),
    ]);
    const f = 'bad-cells.csv';
    expect(r.errors).toEqual([
      {
        file: f,
        line: 3,
        column: 'date',
        value: '2026-02-30',
        reason: 'not a calendar date (no day 30 in month 2 of 2026)',
      },
      { file: f, line: 4, column: 'cost', value: '12.5O', reason: 'not a number' },
      { file: f, line: 5, column: 'campaign', value: '', reason: 'no campaign name' },
      { file: f, line: 5, column: 'clicks', value: '1.5', reason: 'not a whole number' },
      { file: f, line: 6, column: 'cost', value: '-2.00', reason: 'below zero' },
    ]);
  });

  it('names the file and the headers found for an unknown layout', () => {
    const r = read('unknown-layout.csv');
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([
      {
        file: 'unknown-layout.csv',
        line: 0,
        column: '',
        value: 'Name | E-mail | Phone',
        reason:
          'unknown layout: unknown-layout.csv has no header row of a Google Ads, Meta, TikTok, LinkedIn, Microsoft Advertising or generic cost export (a date, a campaign and a cost column); headers found: Name, E-mail, Phone',
      },
    ]);
  });

  it('says an empty file is empty', () => {
    const r = read('empty.csv');
    expect(r.errors).toEqual([
      { file: 'empty.csv', line: 0, column: '', value: '', reason: 'the file is empty' },
    ]);
    expect(r.rows).toEqual([]);
  });

  it('refuses binary garbage', () => {
    const r = read('garbage.bin');
    expect(r.errors).toEqual([
      {
        file: 'garbage.bin',
        line: 0,
        column: '',
        value: '',
        reason: 'not a CSV, TSV or Excel file (it holds binary data)',
      },
    ]);
  });

  it('refuses a file that does not fit the platform asked for', () => {
    const r = read('meta-en.csv', { platform: 'google-ads' });
    expect(r.platform).toBe('google-ads');
    expect(r.rows).toEqual([]);
    expect(r.errors[0]?.reason).toMatch(
      /^unknown layout: meta-en.csv has no header row of a Google Ads cost export/,
    );
  });
});

describe('options', () => {
  it('uses the caller currency only when the file names none', () => {
    expect(read('google-ads-nl.csv', { currency: 'EUR' }).rows.map((x) => x.currency)).toEqual([
      'EUR',
      'EUR',
      'EUR',
    ]);
    expect(read('tiktok-en.csv', { currency: 'EUR' }).rows[0]?.currency).toBe('USD');
  });

  it('reads a file as the generic layout when asked', () => {
    const r = read('google-ads-en.csv', { platform: 'generic' });
    expect(r.platform).toBe('generic');
    expect(r.rows).toHaveLength(4);
  });

  it('decides ambiguous dates from the language: 03/04/2026 is 3 April in NL, March 4 in EN', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const nl = readCostFile(enc('Datum;Campagne;Kosten\n03/04/2026;A;1,5\n'));
    const en = readCostFile(enc('date,campaign,cost\n03/04/2026,A,1.5\n'));
    expect([nl.language, nl.rows[0]?.date, en.language, en.rows[0]?.date]).toEqual([
      'nl',
      '2026-04-03',
      'en',
      '2026-03-04',
    ]);
  });
});
