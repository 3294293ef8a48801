import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ChannelRuleError,
  MAX_MATCH_INPUT,
  channelRuleSchema,
  channelRulesSchema,
  compileChannelRule,
  compilePattern,
  firstMatchingRule,
  unsafePatternReason,
  type ChannelRule,
  type RuleCondition,
  type RuleInput,
} from './channel-rules.js';

const input = (over: Partial<RuleInput> = {}): RuleInput => ({
  utm_source: '',
  utm_medium: '',
  utm_campaign: '',
  referrer_host: '',
  partner: '',
  click_ids: {},
  ...over,
});

const rule = (channel: ChannelRule['channel'], ...when: RuleCondition[]): ChannelRule => ({ channel, when });

describe('firstMatchingRule: one condition', () => {
  it.each<[string, RuleCondition, Partial<RuleInput>, boolean]>([
    [
      'equals holds',
      { field: 'utm_source', op: 'equals', value: 'spotify' },
      { utm_source: 'spotify' },
      true,
    ],
    [
      'equals is exact',
      { field: 'utm_source', op: 'equals', value: 'spotify' },
      { utm_source: 'spotify2' },
      false,
    ],
    [
      'equals ignores case of the rule',
      { field: 'utm_source', op: 'equals', value: ' Spotify ' },
      { utm_source: 'spotify' },
      true,
    ],
    [
      'equals ignores case of the input',
      { field: 'utm_source', op: 'equals', value: 'spotify' },
      { utm_source: 'SpotiFy' },
      true,
    ],
    [
      'rule whitespace collapsed',
      { field: 'utm_campaign', op: 'equals', value: 'Black   Friday' },
      { utm_campaign: 'black friday' },
      true,
    ],
    [
      'contains',
      { field: 'utm_campaign', op: 'contains', value: 'brand' },
      { utm_campaign: 'nl_brand_exact' },
      true,
    ],
    [
      'contains misses',
      { field: 'utm_campaign', op: 'contains', value: 'brand' },
      { utm_campaign: 'generic' },
      false,
    ],
    [
      'starts_with',
      { field: 'referrer_host', op: 'starts_with', value: 'news.' },
      { referrer_host: 'news.ycombinator.com' },
      true,
    ],
    [
      'starts_with misses',
      { field: 'referrer_host', op: 'starts_with', value: 'news.' },
      { referrer_host: 'ycombinator.com' },
      false,
    ],
    [
      'matches',
      { field: 'utm_medium', op: 'matches', value: '^(podcast|audio)$' },
      { utm_medium: 'podcast' },
      true,
    ],
    [
      'matches is case-insensitive',
      { field: 'utm_medium', op: 'matches', value: '^PODCAST$' },
      { utm_medium: 'podcast' },
      true,
    ],
    [
      'matches misses',
      { field: 'utm_medium', op: 'matches', value: '^(podcast|audio)$' },
      { utm_medium: 'radio' },
      false,
    ],
    ['exists', { field: 'partner', op: 'exists' }, { partner: 'p_1' }, true],
    ['exists misses on empty', { field: 'partner', op: 'exists' }, {}, false],
    ['absent value never contains', { field: 'utm_source', op: 'contains', value: 'a' }, {}, false],
    ['absent value never matches', { field: 'utm_source', op: 'matches', value: '^$' }, {}, false],
    [
      'click_id equals by name',
      { field: 'click_id', op: 'equals', value: 'gclid' },
      { click_ids: { gclid: 'x' } },
      true,
    ],
    [
      'click_id equals other name',
      { field: 'click_id', op: 'equals', value: 'gclid' },
      { click_ids: { fbclid: 'x' } },
      false,
    ],
    [
      'click_id any present qualifies',
      { field: 'click_id', op: 'equals', value: 'msclkid' },
      { click_ids: { gclid: 'a', msclkid: 'b' } },
      true,
    ],
    [
      'click_id empty value is absent',
      { field: 'click_id', op: 'exists' },
      { click_ids: { gclid: '' } },
      false,
    ],
    ['click_id exists', { field: 'click_id', op: 'exists' }, { click_ids: { ttclid: 'x' } }, true],
    [
      'click_id matches',
      { field: 'click_id', op: 'matches', value: 'braid$' },
      { click_ids: { wbraid: 'x' } },
      true,
    ],
  ])('%s', (_name, condition, over, expected) => {
    const r = rule('Other', condition);
    expect(firstMatchingRule(input(over), [r])).toBe(expected ? r : null);
  });
});

describe('firstMatchingRule: several rules and conditions', () => {
  const podcast = rule('Other', { field: 'utm_medium', op: 'equals', value: 'podcast' });
  const brand = rule(
    'Paid Search',
    { field: 'utm_source', op: 'equals', value: 'google' },
    { field: 'utm_campaign', op: 'contains', value: 'brand' },
  );
  const google = rule('Display', { field: 'utm_source', op: 'equals', value: 'google' });

  it('needs every condition', () => {
    expect(firstMatchingRule(input({ utm_source: 'google', utm_campaign: 'brand_nl' }), [brand])).toBe(brand);
    expect(firstMatchingRule(input({ utm_source: 'google', utm_campaign: 'generic' }), [brand])).toBeNull();
  });

  it('takes the first match in list order', () => {
    const i = input({ utm_source: 'google', utm_campaign: 'brand_nl' });
    expect(firstMatchingRule(i, [podcast, brand, google])).toBe(brand);
    expect(firstMatchingRule(i, [google, brand])).toBe(google);
  });

  it('returns null for no rules', () => {
    expect(firstMatchingRule(input({ utm_source: 'google' }), [])).toBeNull();
  });

  it('tests only the first MAX_MATCH_INPUT characters against a pattern', () => {
    const r = rule('Other', { field: 'utm_campaign', op: 'matches', value: 'z$' });
    expect(firstMatchingRule(input({ utm_campaign: 'a'.repeat(MAX_MATCH_INPUT) + 'z' }), [r])).toBeNull();
    expect(firstMatchingRule(input({ utm_campaign: 'a'.repeat(MAX_MATCH_INPUT - 1) + 'z' }), [r])).toBe(r);
  });

  it('compiles a rule once and reuses it', () => {
    const r = rule('Other', { field: 'utm_source', op: 'matches', value: '^x' });
    expect(compileChannelRule(r)).toBe(compileChannelRule(r));
  });

  it('throws a ChannelRuleError naming the bad part of an invalid rule', () => {
    const bad = rule(
      'Other',
      { field: 'utm_source', op: 'equals', value: 'a' },
      { field: 'utm_source', op: 'matches', value: '(a+)+$' },
    );
    expect(() => firstMatchingRule(input(), [bad])).toThrow(ChannelRuleError);
    try {
      compileChannelRule(bad);
    } catch (e) {
      expect((e as ChannelRuleError).path).toEqual(['when', 1, 'value']);
      expect((e as Error).message).toMatch(/nested quantifiers/);
    }
    expect(() => compileChannelRule(rule('Other'))).toThrow(/at least one condition/);
    expect(() => compileChannelRule(rule('Other', { field: 'utm_source', op: 'equals' }))).toThrow(
      /value is required/i,
    );
    expect(() =>
      compileChannelRule({ channel: 'Podcast' as never, when: [{ field: 'utm_source', op: 'exists' }] }),
    ).toThrow(/Unknown channel/);
    expect(() => compileChannelRule(rule('Other', { field: 'utm_term' as never, op: 'exists' }))).toThrow(
      /Unknown field/,
    );
  });
});

describe('unsafePatternReason', () => {
  it.each([
    '^google$',
    '^(fb|ig|meta)$',
    'brand',
    '^nl_.*_brand$',
    '^.*foo.*bar$',
    'foo.*bar',
    '^\\d+x\\d+$',
    '(ab)*c',
    'x{2,}y{3}',
    '[(]+a',
    '(?<net>fb|ig)_ads',
    '^(?:a|b)?c',
    '\\.google\\.',
    'a{',
    '(a{1,3}){1,5}',
  ])('accepts %j', (p) => {
    expect(unsafePatternReason(p)).toBeNull();
    expect(compilePattern(p).flags).toContain('i');
  });

  it.each([
    ['', /empty/],
    ['a'.repeat(201), /longer than 200/],
    ['(', /not a valid regular expression/],
    ['[a-', /not a valid regular expression/],
    ['(a)\\1', /backreferences/],
    ['(?<x>a)\\k<x>', /backreferences/],
    ['(a+)+$', /nested quantifiers/],
    ['(a*)*', /nested quantifiers/],
    ['(.*)*x', /nested quantifiers/],
    ['(a|aa)*b', /nested quantifiers/],
    ['((a|aa))+b', /nested quantifiers/],
    ['(x\\w+)+y', /nested quantifiers/],
    ['(a+){2,9}', /nested quantifiers/],
    ['.*.*x', /in a row/],
    ['\\d+\\w*', /in a row/],
    ['a+?a+?b', /in a row/],
    ['.*x.*y.*z', /not anchored/],
    ['^.*foo.*bar.*$', /more than 2 unbounded/],
    ['\\d+x\\d+', /not anchored/],
    ['^a.*b|c.*d.*e', /not anchored/],
  ])('refuses %j', (p, why) => {
    expect(unsafePatternReason(p)).toMatch(why);
    expect(() => compilePattern(p)).toThrow(ChannelRuleError);
  });

  it('never throws, and whatever it accepts compiles and runs fast on hostile input', () => {
    const atoms = fc.constantFrom(
      'a',
      '.',
      '\\w',
      '\\d',
      '[ab]',
      '(',
      ')',
      '|',
      '*',
      '+',
      '?',
      '{2,}',
      '{1,3}',
      '^',
      '$',
      'x',
      '(?:',
      '(?=',
    );
    fc.assert(
      fc.property(fc.array(atoms, { maxLength: 14 }), (parts) => {
        const p = parts.join('');
        const reason = unsafePatternReason(p);
        if (reason !== null) return;
        const re = compilePattern(p);
        for (const s of [
          'a'.repeat(MAX_MATCH_INPUT),
          'ax'.repeat(MAX_MATCH_INPUT / 2),
          '1a'.repeat(MAX_MATCH_INPUT / 2),
        ]) {
          const t = performance.now();
          re.test(s);
          expect(performance.now() - t).toBeLessThan(100);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('channelRuleSchema', () => {
  it('accepts a valid rule', () => {
    const r = {
      channel: 'Paid Social',
      when: [
        { field: 'utm_source', op: 'equals', value: 'Meta' },
        { field: 'utm_campaign', op: 'matches', value: '^prospecting_' },
        { field: 'click_id', op: 'exists' },
      ],
    };
    const parsed = channelRuleSchema.parse(r);
    const typed: ChannelRule = parsed;
    expect(typed.channel).toBe('Paid Social');
  });

  it.each<[string, unknown, string]>([
    ['unknown channel', { channel: 'Podcast', when: [{ field: 'utm_source', op: 'exists' }] }, 'channel'],
    ['no conditions', { channel: 'Other', when: [] }, 'when'],
    ['unknown field', { channel: 'Other', when: [{ field: 'utm_term', op: 'exists' }] }, 'when.0.field'],
    [
      'unknown op',
      { channel: 'Other', when: [{ field: 'utm_source', op: 'regex', value: 'x' }] },
      'when.0.op',
    ],
    ['missing value', { channel: 'Other', when: [{ field: 'utm_source', op: 'equals' }] }, 'when.0.value'],
    [
      'blank value',
      { channel: 'Other', when: [{ field: 'utm_source', op: 'contains', value: '  ' }] },
      'when.0.value',
    ],
    [
      'invalid regex',
      { channel: 'Other', when: [{ field: 'utm_source', op: 'matches', value: '(' }] },
      'when.0.value',
    ],
    [
      'catastrophic regex',
      { channel: 'Other', when: [{ field: 'utm_source', op: 'matches', value: '(a+)+' }] },
      'when.0.value',
    ],
    [
      'unknown click id',
      { channel: 'Other', when: [{ field: 'click_id', op: 'equals', value: 'gclidd' }] },
      'when.0.value',
    ],
  ])('rejects %s at %s', (_name, r, path) => {
    const res = channelRuleSchema.safeParse(r);
    expect(res.success).toBe(false);
    expect(res.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('validates a list and keeps its order', () => {
    const rules = channelRulesSchema.parse([
      { channel: 'Other', when: [{ field: 'utm_medium', op: 'equals', value: 'podcast' }] },
      { channel: 'Referral', when: [{ field: 'referrer_host', op: 'contains', value: 'chatgpt' }] },
    ]);
    expect(rules.map((r) => r.channel)).toEqual(['Other', 'Referral']);
  });

  it('whatever it accepts compiles', () => {
    const cond = fc.record(
      {
        field: fc.constantFrom(
          'utm_source',
          'utm_medium',
          'utm_campaign',
          'referrer_host',
          'partner',
          'click_id',
        ),
        op: fc.constantFrom('equals', 'contains', 'starts_with', 'matches', 'exists'),
        value: fc.string({ maxLength: 12 }),
      },
      { requiredKeys: ['field', 'op'] },
    );
    fc.assert(
      fc.property(fc.array(cond, { minLength: 1, maxLength: 4 }), (when) => {
        const res = channelRuleSchema.safeParse({ channel: 'Other', when });
        if (res.success) expect(() => compileChannelRule(res.data)).not.toThrow();
      }),
    );
  });
});
