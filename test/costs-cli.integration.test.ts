import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempConfig } from './helpers.js';

const CSV = [
  'Day,Campaign,Campaign ID,Customer ID,Currency code,Impr.,Clicks,Cost',
  '2026-03-01,Brand BE,111,123-456-7890,EUR,100,4,10.00',
  '2026-03-02,Brand BE,111,123-456-7890,EUR,100,4,x',
].join('\n');

describe('rendement import costs / costs imports / costs undo / fx (no server)', () => {
  const { dataDir } = tempConfig();
  const file = join(dataDir, 'google.csv');
  writeFileSync(file, CSV);

  it('imports nothing from a file with a bad row (exit 1), then the good rows with --skip-bad-rows; undo', () => {
    const ws = JSON.parse(cli(dataDir, ['workspace', 'create', 'CLI shop', '--json']).out);
    const env = { RENDEMENT_API_KEY: ws.secret_key };
    const bad = cli(dataDir, ['import', 'costs', file], env);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/google\.csv, line 3, column Cost \("x"\)/);
    const dry = cli(dataDir, ['import', 'costs', file, '--skip-bad-rows', '--dry-run', '--json'], env);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ status: 'dry_run', rows_imported: 1 });
    const ok = cli(dataDir, ['import', 'costs', file, '--skip-bad-rows', '--format', 'json'], env);
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.out);
    expect(report).toMatchObject({ status: 'imported', rows_imported: 1, rows_rejected: 1 });
    const list = JSON.parse(cli(dataDir, ['costs', 'imports', '--json'], env).out);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: report.import_id, created_by: 'cli', file_name: 'google.csv' });
    const undo = cli(dataDir, ['costs', 'undo', report.import_id], env);
    expect(undo.code).toBe(0);
    expect(undo.out).toMatch(/^Undone/);
    expect(cli(dataDir, ['costs', 'undo', 'imp_nope'], env).code).toBe(1);
    const missing = cli(dataDir, ['import', 'costs', join(dataDir, 'nope.csv')], env);
    expect(missing.err).toMatch(/Cannot read .*nope\.csv/);
    const badPlatform = cli(dataDir, ['import', 'costs', file, '--platform', 'myspace'], env);
    expect(badPlatform.code).toBe(2);
    expect(badPlatform.err).toMatch(/--platform/);

    const fxFile = join(dataDir, 'fx.csv');
    writeFileSync(fxFile, 'date;currency;rate\n2026-03-01;USD;0,92\n2026-03-02;GBP;abc\n');
    const fx = cli(dataDir, ['fx', 'import', fxFile], env);
    expect(fx.code).toBe(1);
    expect(fx.out).toMatch(/Stored 1 rate/);
    expect(fx.err).toMatch(/line 3: rate/);
    expect(cli(dataDir, ['fx', 'set', 'GBP', '2026-03-01', '1.17'], env).code).toBe(0);
    expect(JSON.parse(cli(dataDir, ['fx', 'list', '--json'], env).out)).toEqual([
      { currency: 'GBP', date: '2026-03-01', rate: '1.17' },
      { currency: 'USD', date: '2026-03-01', rate: '0.92' },
    ]);
  });
});
