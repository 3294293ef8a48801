import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELATTRIBUTION_DATA_CSV } from './fixtures/attribution/refdata.js';
import { cli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'rdm-attr-'));
const REF = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures/attribution/data-csv-reference.json'), 'utf8'),
);

describe.skipIf(!CHANNELATTRIBUTION_DATA_CSV)('rendement attribution --paths Data.csv', () => {
  it('json: every model that takes aggregated paths lists conversions and value per channel; Markov as the scipy reference', () => {
    const r = cli(dir, ['attribution', '--paths', CHANNELATTRIBUTION_DATA_CSV!, '--order', '2', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.input).toEqual({
      unique_paths: REF.totals.unique_paths,
      conversions: REF.totals.conversions,
      value: expect.closeTo(REF.totals.value, 6),
      non_converting: REF.totals.nulls,
    });
    expect(Object.keys(out.models)).toEqual([
      'first_click',
      'last_click',
      'last_non_direct',
      'linear',
      'position_based',
      'markov',
      'shapley',
    ]);
    expect(out.skipped).toEqual([{ model: 'time_decay', reason: expect.stringMatching(/timestamps/) }]);
    for (const m of Object.values(out.models) as Array<{
      channels: Array<{ conversions: number; value: number }>;
    }>) {
      expect(m.channels.reduce((a, c) => a + c.conversions, 0)).toBeCloseTo(REF.totals.conversions, 6);
      expect(m.channels.reduce((a, c) => a + c.value, 0)).toBeCloseTo(REF.totals.value, 6);
    }
    expect(out.models.markov.order).toBe(2);
    const effects = REF.markov['2'].removal_effects as Record<string, number>;
    const reSum = Object.values(effects).reduce((a, b) => a + b, 0);
    const valueEffects = REF.markov['2'].removal_effects_value as Record<string, number>;
    const valueSum = Object.values(valueEffects).reduce((a, b) => a + b, 0);
    for (const c of out.models.markov.channels) {
      expect(c.conversions).toBeCloseTo(REF.markov['2'].credit[c.channel].conversions, 6);
      // ChannelAttribution's convention: removal-effect share × all conversions
      expect(c.global_conversions).toBeCloseTo((effects[c.channel]! / reSum) * REF.totals.conversions, 6);
      expect(c.global_value).toBeCloseTo((valueEffects[c.channel]! / valueSum) * REF.totals.value, 6);
      expect(c.removal_effect).toBeCloseTo(REF.markov['2'].removal_effects[c.channel], 10);
    }
    for (const c of out.models.first_click.channels)
      expect(c.conversions).toBeCloseTo(REF.first_click[c.channel].conversions, 9);
  });

  it('csv and table; exports the transition matrix and the coalitions', () => {
    const tr = join(dir, 'transitions.csv');
    const co = join(dir, 'coalitions.csv');
    const csv = cli(dir, [
      'attribution',
      '--paths',
      CHANNELATTRIBUTION_DATA_CSV!,
      '--model',
      'markov,linear,shapley',
      '--format',
      'csv',
      '--transitions',
      tr,
      '--coalitions',
      co,
    ]);
    expect(csv.code).toBe(0);
    expect(csv.out.split('\n')[0]).toBe(
      'model,channel,conversions,value,share,removal_effect,global_conversions,removal_effect_value,global_value,shapley_value,ci_lower,ci_upper',
    );
    expect(readFileSync(tr, 'utf8').split('\n')[0]).toBe('from,to,probability,journeys');
    expect(readFileSync(co, 'utf8').split('\n')).toHaveLength(2 ** 12 + 2); // header, 2^12 coalitions, final newline
    const table = cli(dir, ['attribution', '--paths', CHANNELATTRIBUTION_DATA_CSV!, '--model', 'last_click']);
    expect(table.out).toMatch(/^alpha\s+8447$/m);
  });
});

describe('rendement attribution: bad input', () => {
  const good = join(dir, 'good.csv');
  writeFileSync(good, 'path;total_conversions;total_conversion_value;total_null\na > b;2;20;1\nb;1;5;3\n');
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'path;total_conversions;total_conversion_value;total_null\na > b;2;20;1\nb;x;5;3\n');
  it.each([
    [['--model', 'u_shaped'], /--model: unknown model "u_shaped"/],
    [['--model', 'time_decay'], /--model: time_decay needs touchpoint timestamps/],
    [['--order', '0'], /--order: must be an integer from 1 to 4/],
    [['--order', '5'], /--order: must be an integer from 1 to 4/],
    [['--position-shares', '0.5,0.5,0.5'], /--position-shares: first \+ middle \+ last must sum to 1/],
    [['--bootstrap', '1'], /--bootstrap/],
    [['--format', 'xml'], /--format/],
    [['--from', '2026-01-01', '--collapse'], /--from: attributes the workspace’s own data[\s\S]*--collapse:/],
  ])('%j → exit 2 naming the flag', (args, msg) => {
    const r = cli(dir, ['attribution', '--paths', good, ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
  });
  it('a bad cell → exit 1 naming line and column', () => {
    const r = cli(dir, ['attribution', '--paths', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/line 3, column total_conversions \("x"\): is not a number/);
  });
  it('a small file, json, with bootstrap intervals', () => {
    const r = cli(dir, ['attribution', '--paths', good, '--model', 'markov', '--bootstrap', '20', '--json']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.out).models.markov;
    expect(m.ci_level).toBe(0.95);
    expect(m.channels.map((c: { channel: string }) => c.channel)).toEqual(['a', 'b']);
  });
});
