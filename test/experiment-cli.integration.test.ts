import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ref from './fixtures/stats/reference.json' with { type: 'json' };
import { cli, tempConfig } from './helpers.js';

// `rendement experiment plan|analyze` are pure computation: no store, no server, no API key.
describe('rendement experiment plan / analyze', () => {
  const { dataDir } = tempConfig();
  const write = (name: string, text: string) => {
    const f = join(dataDir, name);
    writeFileSync(f, text);
    return f;
  };

  it('plan: sample_size_per_variant (Fleiss formula, checked with scipy), duration, Bonferroni for K > 2', () => {
    const r = cli(dataDir, [
      'experiment',
      'plan',
      '--baseline',
      '0.1',
      '--mde',
      '0.1',
      '--daily-traffic',
      '2000',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      sample_size_per_variant: 14751,
      total_sample_size: 29502,
      duration_days: 15,
    });
    const k4 = JSON.parse(
      cli(dataDir, [
        'experiment',
        'plan',
        '--baseline',
        '0.03',
        '--mde',
        '0.2',
        '--variants',
        '4',
        '--power',
        '0.9',
        '--json',
      ]).out,
    );
    expect(k4.sample_size_per_variant).toBe(ref.planner.proportions[1]!.n);
    const abs = JSON.parse(
      cli(dataDir, [
        'experiment',
        'plan',
        '--baseline',
        '0.5',
        '--mde',
        '0.02',
        '--mde-absolute',
        '--alpha',
        '0.01',
        '--json',
      ]).out,
    );
    expect(abs.sample_size_per_variant).toBe(ref.planner.proportions[2]!.n);
    const table = cli(dataDir, ['experiment', 'plan', '--baseline', '0.1', '--mde', '0.1']);
    expect(table.out).toMatch(/sample_size_per_variant\s+14751/);
  });

  it('plan: bad input exits 2 naming the flag', () => {
    const r = cli(dataDir, ['experiment', 'plan', '--baseline', '0.1', '--mde', '0.1', '--alpha', '1.5']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--alpha: must be strictly between 0 and 1/);
    expect(cli(dataDir, ['experiment', 'plan', '--baseline', 'abc', '--mde', '0.1']).err).toMatch(
      /--baseline: must be a number/,
    );
    expect(
      cli(dataDir, ['experiment', 'plan', '--baseline', '0.1', '--mde', '0.1', '--variants', '1']).err,
    ).toMatch(/--variants/);
  });

  it('analyze: per variant rate, mean, lifts with CIs, p-value, chance to beat control, SRM p-value', () => {
    const f = write(
      'ab.csv',
      'variant,units,conversions,value_sum,value_sum_sq\ncontrol,2000,200,9000,410000\nB,2000,250,11800,530000\n',
    );
    const r = cli(dataDir, ['experiment', 'analyze', '--file', f, '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    const b = out.variants[1];
    const z = ref.proportions[0]!; // 250/2000 vs 200/2000, statsmodels Wald
    expect(b.rate).toBe(0.125);
    expect(b.mean).toBeCloseTo(5.9, 12);
    expect(b.abs_lift).toBeCloseTo(0.025, 12);
    expect(b.abs_lift_ci[0]).toBeCloseTo(z.ci[0]!, 10);
    expect(b.rel_lift).toBeCloseTo(z.rel, 12);
    expect(b.rel_lift_ci[1]).toBeCloseTo(z.relCi[1]!, 10);
    expect(b.p_value).toBeCloseTo(z.p, 10);
    expect(b.chance_to_beat_control).toBeGreaterThan(0.99);
    expect(out.srm_p_value).toBe(1);
    expect(b.metrics.value_per_unit.p_value).toBeGreaterThan(0);
    expect(out.variants[0].control).toBe(true);
  });

  it('analyze: table with verdicts in Dutch; csv', () => {
    const f = write('nl.csv', 'variant,units,conversions\nA,20000,1000\nB,20000,1180\n');
    const t = cli(dataDir, ['experiment', 'analyze', '--file', f, '--locale', 'nl-BE']);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/Variant B verhoogt de conversieratio met 18% \(95%-BI/);
    const c = cli(dataDir, ['experiment', 'analyze', '--file', f, '--format', 'csv']);
    expect(c.out.split('\n')[0]).toMatch(/^metric,variant,units,value,ci_low,ci_high,abs_lift,/);
  });

  it('analyze: a file saved by a Dutch or French spreadsheet (; and decimal commas)', () => {
    const f = write(
      'semi.csv',
      'variant;units;conversions;value_sum;value_sum_sq\r\nA;1000;50;2500,5;300000,25\r\nB;1000;60;2900;350000\r\n',
    );
    const out = JSON.parse(cli(dataDir, ['experiment', 'analyze', '--file', f, '--json']).out);
    expect(out.variants[0].mean).toBeCloseTo(2.5005, 12);
  });

  it('analyze: an allocation column drives the SRM check', () => {
    const f = write('srm.csv', 'variant,units,conversions,allocation\nA,1000,50,1\nB,2100,100,2\n');
    const out = JSON.parse(cli(dataDir, ['experiment', 'analyze', '--file', f, '--json']).out);
    expect(out.srm_p_value).toBeCloseTo(ref.srm[2]!.p, 12);
  });

  it.each([
    ['variant,units,conversions\nA,100,5\n', /variants: need a control and at least one variant/],
    ['variant,units,conversions\nA,100,5\nB,-3,1\n', /line 3, column units: must not be negative/],
    ['variant,units,conversions\nA,100,5\nB,100,101\n', /line 3, column conversions: exceeds units/],
    ['variant,units,conversions\nA,100,5\nB,100,x\n', /line 3, column conversions: must be a number/],
    ['variant,units\nA,100\nB,100\n', /column conversions: is missing/],
    ['variant,units,conversions,value_sum,value_sum_sq\nA,10,5,50,250\nB,10,5,60,360\n', /zero variance/],
  ])('analyze refuses bad input (exit 2) %#', (csv, msg) => {
    const r = cli(dataDir, ['experiment', 'analyze', '--file', write('bad.csv', csv), '--json']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
    expect(r.out).not.toMatch(/NaN/);
  });

  it('analyze refuses alpha outside (0, 1)', () => {
    const f = write('a.csv', 'variant,units,conversions\nA,100,5\nB,100,6\n');
    const r = cli(dataDir, ['experiment', 'analyze', '--file', f, '--alpha', '0']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--alpha: must be strictly between 0 and 1/);
  });
});

// `rendement experiment create|list|results` and `report fatigue` on the stores (no server runs).
describe('rendement experiment create / list / results, report fatigue', () => {
  const { dataDir } = tempConfig();

  it('defines an experiment, lists it, answers its (empty) results; bad options name the flag', () => {
    const ws = cli(dataDir, ['workspace', 'create', 'Proef', '--json']);
    expect(ws.code).toBe(0);
    const env = { RENDEMENT_API_KEY: JSON.parse(ws.out).secret_key as string };
    const single = cli(
      dataDir,
      ['experiment', 'create', '--name', 'Hero', '--variant', 'control', '--from', '2026-11-01'],
      env,
    );
    expect(single.code).toBe(2);
    expect(single.err).toMatch(/--variant.*control and at least one variant/s);
    const created = cli(
      dataDir,
      [
        'experiment',
        'create',
        '--name',
        'Hero',
        '--key',
        'hero',
        '--variant',
        'control=0.5',
        '--variant',
        'photo=0.5',
        '--secondary',
        'revenue_per_visitor',
        '--from',
        '2026-11-01',
        '--json',
      ],
      env,
    );
    expect(created.code).toBe(0);
    const exp = JSON.parse(created.out);
    expect(exp).toMatchObject({ key: 'hero', primary_metric: 'conversion_rate', status: 'running' });
    const list = cli(dataDir, ['experiment', 'list'], env);
    expect(list.out).toContain(exp.id);
    expect(list.out).toContain('control 50%, photo 50%');
    const res = cli(dataDir, ['experiment', 'results', exp.id, '--json'], env);
    expect(res.code).toBe(0);
    const body = JSON.parse(res.out);
    expect(body.variants.map((v: { units: number }) => v.units)).toEqual([0, 0]);
    expect(body.srm_p_value).toBe(1);
    expect(cli(dataDir, ['experiment', 'results', 'exp_nope'], env).code).toBe(4);
    const fatigue = cli(
      dataDir,
      ['report', 'fatigue', '--from', '2026-11-01', '--to', '2026-11-14', '--json'],
      env,
    );
    expect(fatigue.code).toBe(0);
    expect(JSON.parse(fatigue.out)).toMatchObject({ metric: 'ctr', creatives: [], fatigued: 0 });
    const bad = cli(dataDir, ['report', 'fatigue', '--from', '2026-11-14', '--to', '2026-11-01'], env);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--to/);
  });
});

describe('rendement experiment factorial', () => {
  const { dataDir } = tempConfig();
  it('estimates main effects and the interaction of a 2 × 2 test (worked by hand: 0.035, 0.025, 0.03)', () => {
    const file = join(dataDir, 'cells.csv');
    writeFileSync(
      file,
      'hook;visual;units;conversions\nA;X;1000;50\nA;Y;1000;60\nB;X;1000;70\nB;Y;1000;110\n',
    );
    const r = cli(dataDir, ['experiment', 'factorial', '--file', file, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as {
      effects: Array<{ kind: string; levels: string[]; estimate: number }>;
    };
    expect(out.effects.map((e) => [e.kind, e.levels.join('×'), Number(e.estimate.toFixed(10))])).toEqual([
      ['main', 'B', 0.035],
      ['main', 'Y', 0.025],
      ['interaction', 'B×Y', 0.03],
    ]);
    writeFileSync(file, 'units,conversions\n1000,50\n');
    const bad = cli(dataDir, ['experiment', 'factorial', '--file', file]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('factor column');
  });
});
