/**
 * Workspace channel rules: a workspace's own grouping, evaluated before the default one (PRODUCT.md,
 * "Default channel grouping"). A rule assigns a channel when all its conditions hold; the first
 * matching rule in the workspace's order wins.
 */
import { z } from 'zod';
import { CLICK_ID_PARAMS, type ClickIdParam } from './click-ids.js';
import { CHANNELS, type Channel, type ClickIds } from './records.js';
import { normaliseUtm } from './url.js';

export const RULE_FIELDS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'referrer_host',
  'partner',
  'click_id',
] as const;
export type RuleField = (typeof RULE_FIELDS)[number];
export const RULE_OPS = ['equals', 'contains', 'starts_with', 'matches', 'exists'] as const;
export type RuleOp = (typeof RULE_OPS)[number];

/**
 * One condition. `value` is required for every op but `exists`. For `click_id` the values tested are
 * the *names* of the click ids present (`gclid`, `fbclid`, …), and the condition holds when any of
 * them satisfies it.
 */
export interface RuleCondition {
  field: RuleField;
  op: RuleOp;
  value?: string;
}

/** A workspace rule: `channel` when every condition in `when` holds. */
export interface ChannelRule {
  channel: Channel;
  when: RuleCondition[];
}

/** The fields of a touchpoint that rules can test (a subset of the channel grouping's input). */
export interface RuleInput {
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
  referrer_host: string;
  partner: string;
  click_ids: ClickIds;
}

/** Patterns longer than this are refused (rules are short; long patterns are where blow-ups hide). */
export const MAX_PATTERN_LENGTH = 200;
/**
 * At most this many unbounded quantifiers (`*`, `+`, `{n,}`) per pattern, counting the implicit one of
 * a pattern not anchored with `^` (the search retries at every start position): bounds polynomial
 * backtracking to about n² steps on `MAX_MATCH_INPUT` characters (a few milliseconds).
 */
export const MAX_UNBOUNDED_QUANTIFIERS = 2;
/** `matches` tests only the first this many characters of a value, so a hostile UTM value cannot stall ingestion. */
export const MAX_MATCH_INPUT = 256;
export const MAX_CONDITIONS = 20;
export const MAX_RULES = 200;

/** A rule that cannot be used, with the path of the offending part (`['when', 0, 'value']`). */
export class ChannelRuleError extends Error {
  constructor(
    message: string,
    readonly path: Array<string | number> = [],
  ) {
    super(message);
    this.name = 'ChannelRuleError';
  }
}

/**
 * Why a `matches` pattern is refused, or null when it is acceptable. A pattern must be a valid
 * JavaScript regular expression of at most `MAX_PATTERN_LENGTH` characters, and must not look
 * catastrophic under a backtracking engine: no backreferences; no group repeated without bound
 * whose body holds a quantifier or an alternation (`(a+)+`, `(a|aa)*`, `(.*)*` — exponential
 * backtracking); no repeated group whose body repeats without bound (`(a+){2,9}`); no two unbounded
 * quantifiers in a row (`.*.*`, `\d+\w*`); at most `MAX_UNBOUNDED_QUANTIFIERS` unbounded quantifiers
 * in all, one fewer when the pattern does not start with `^`. These are conservative heuristics (a
 * safe pattern may be refused; split it into several conditions or rules then); together with
 * `MAX_MATCH_INPUT` they keep a match on hostile input within a few milliseconds.
 */
export function unsafePatternReason(pattern: string): string | null {
  if (typeof pattern !== 'string' || pattern === '') return 'the pattern is empty';
  if (pattern.length > MAX_PATTERN_LENGTH)
    return `the pattern is longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern, 'i');
  } catch (e) {
    return `not a valid regular expression (${(e as Error).message})`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) return 'backreferences (\\1, \\k<name>) are not allowed';
  return scanPattern(pattern);
}

/** What a group's body (nested groups included) holds. */
interface Frame {
  quantified: boolean;
  unbounded: boolean;
  alternation: boolean;
}

/** Walk the pattern's tokens, tracking per group whether it holds quantifiers or alternations. */
function scanPattern(p: string): string | null {
  const stack: Frame[] = [{ quantified: false, unbounded: false, alternation: false }];
  let last: 'none' | 'atom' | 'group' = 'none';
  let lastGroup: Frame | null = null;
  let prevUnbounded = false; // the atom before the current one carried an unbounded quantifier
  let currentUnbounded = false; // the current atom carries one
  let unboundedCount = 0;
  let topLevelAlternation = false;
  const top = (): Frame => stack[stack.length - 1] as Frame;
  const startAtom = (): void => {
    prevUnbounded = currentUnbounded;
    currentUnbounded = false;
  };
  let i = 0;
  while (i < p.length) {
    const c = p[i] as string;
    if (c === '\\') {
      startAtom();
      last = 'atom';
      i += 2;
    } else if (c === '[') {
      startAtom();
      last = 'atom';
      i++;
      if (p[i] === '^') i++;
      if (p[i] === ']') i++; // a leading `]` is literal
      while (i < p.length && p[i] !== ']') i += p[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '(') {
      stack.push({ quantified: false, unbounded: false, alternation: false });
      prevUnbounded = false;
      currentUnbounded = false;
      last = 'none';
      i++;
      if (p[i] === '?') {
        const close = p.indexOf('>', i);
        if (p[i + 1] === '<' && p[i + 2] !== '=' && p[i + 2] !== '!') i = close < 0 ? p.length : close + 1;
        else i += p[i + 1] === '<' ? 3 : 2;
      }
    } else if (c === ')') {
      const inner = stack.length > 1 ? (stack.pop() as Frame) : top();
      const parent = top();
      parent.quantified ||= inner.quantified;
      parent.unbounded ||= inner.unbounded;
      parent.alternation ||= inner.alternation;
      lastGroup = inner;
      startAtom();
      last = 'group';
      i++;
    } else if (c === '|') {
      top().alternation = true;
      if (stack.length === 1) topLevelAlternation = true;
      prevUnbounded = false;
      currentUnbounded = false;
      last = 'none';
      i++;
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      const q = readQuantifier(p, i);
      if (!q) {
        // a `{` that is not a quantifier is a literal
        startAtom();
        last = 'atom';
        i++;
        continue;
      }
      i = q.end;
      if (p[i] === '?') i++; // lazy: same backtracking space
      if (last === 'none') continue;
      if (last === 'group' && lastGroup) {
        if (q.unbounded && (lastGroup.quantified || lastGroup.alternation)) {
          return 'a group repeated without bound holds a quantifier or an alternation (nested quantifiers backtrack exponentially)';
        }
        if (q.repeats && lastGroup.unbounded) {
          return 'a repeated group holds an unbounded quantifier (nested quantifiers backtrack exponentially)';
        }
      }
      const f = top();
      f.quantified = true;
      if (q.unbounded) {
        if (prevUnbounded) return 'two unbounded quantifiers in a row (like .*.*) backtrack polynomially';
        f.unbounded = true;
        currentUnbounded = true;
        unboundedCount++;
      } else if (q.variable) {
        // `a*b?c*` backtracks like `a*c*`: an optional or variable-width atom does not separate loops.
        currentUnbounded = prevUnbounded;
      }
      last = 'none'; // a quantifier cannot be quantified again
    } else {
      startAtom();
      last = 'atom';
      i++;
    }
  }
  // An unanchored search retries at every start position: one more unbounded loop.
  const anchored = p.startsWith('^') && !topLevelAlternation;
  if (unboundedCount + (anchored ? 0 : 1) > MAX_UNBOUNDED_QUANTIFIERS) {
    return anchored
      ? `more than ${MAX_UNBOUNDED_QUANTIFIERS} unbounded quantifiers (*, +, {n,})`
      : `more than ${MAX_UNBOUNDED_QUANTIFIERS - 1} unbounded quantifiers (*, +, {n,}) in a pattern not anchored with ^ (a search tries every start position)`;
  }
  return null;
}

/** Parse the quantifier at `i`: unbounded, able to repeat more than once, of variable width. */
function readQuantifier(
  p: string,
  i: number,
): { end: number; unbounded: boolean; repeats: boolean; variable: boolean } | null {
  const c = p[i];
  if (c === '*' || c === '+') return { end: i + 1, unbounded: true, repeats: true, variable: true };
  if (c === '?') return { end: i + 1, unbounded: false, repeats: false, variable: true };
  const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i, i + 24));
  if (!m) return null;
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
  return { end: i + m[0].length, unbounded: max === Infinity, repeats: max > 1, variable: max > min };
}

/**
 * Compile a `matches` pattern once, case-insensitively, refusing invalid or catastrophic-looking
 * patterns (see `unsafePatternReason`) with a `ChannelRuleError` that says why.
 */
export function compilePattern(pattern: string, path: Array<string | number> = []): RegExp {
  const reason = unsafePatternReason(pattern);
  if (reason) throw new ChannelRuleError(`Invalid pattern ${JSON.stringify(pattern)}: ${reason}`, path);
  return new RegExp(pattern, 'i');
}

const conditionSchema = z
  .object({
    field: z.enum(RULE_FIELDS),
    op: z.enum(RULE_OPS),
    value: z.string().max(MAX_PATTERN_LENGTH).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.op === 'exists') return;
    if (c.value === undefined || normaliseUtm(c.value) === '') {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `is required for op "${c.op}"` });
      return;
    }
    if (c.op === 'matches') {
      const reason = unsafePatternReason(c.value);
      if (reason) ctx.addIssue({ code: 'custom', path: ['value'], message: reason });
    } else if (c.field === 'click_id' && c.op === 'equals' && !isClickIdParam(normaliseUtm(c.value))) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `is not a click id name (one of ${CLICK_ID_PARAMS.join(', ')})`,
      });
    }
  });

/**
 * The zod schema of one workspace rule: a channel of the default grouping's 13 and 1 to
 * `MAX_CONDITIONS` conditions, each with a value unless its op is `exists`, `matches` values passing
 * `unsafePatternReason`, and `click_id … equals` naming a known click id. Validate rules with it when
 * a workspace saves them, so that ingestion never meets a bad one.
 */
export const channelRuleSchema = z.object({
  channel: z.enum(CHANNELS),
  when: z.array(conditionSchema).min(1).max(MAX_CONDITIONS),
});

/** The zod schema of a workspace's ordered rule list (at most `MAX_RULES`). */
export const channelRulesSchema = z.array(channelRuleSchema).max(MAX_RULES);

type Test = (value: string) => boolean;
/** A rule with its conditions turned into predicates over a field's values. */
export interface CompiledRule {
  rule: ChannelRule;
  tests: Array<{ field: RuleField; test: Test }>;
}

const compiled = new WeakMap<ChannelRule, CompiledRule>();

/**
 * Compile a rule's conditions into predicates (rule values normalised like UTM values: trimmed,
 * lower-cased, inner whitespace collapsed; patterns compiled once with the `i` flag). Throws
 * `ChannelRuleError` for an unknown channel or field, an empty `when`, a condition without its value
 * or with a refused pattern. Results are
 * cached per rule object, so rules must not be mutated once used.
 */
export function compileChannelRule(rule: ChannelRule): CompiledRule {
  const hit = compiled.get(rule);
  if (hit) return hit;
  if (!(CHANNELS as readonly string[]).includes(rule.channel)) {
    throw new ChannelRuleError(`Unknown channel ${JSON.stringify(rule.channel)}`, ['channel']);
  }
  if (!Array.isArray(rule.when) || rule.when.length === 0) {
    throw new ChannelRuleError('A rule needs at least one condition', ['when']);
  }
  rule.when.forEach((c, i) => {
    if (!(RULE_FIELDS as readonly string[]).includes(c.field)) {
      throw new ChannelRuleError(`Unknown field ${JSON.stringify(c.field)}`, ['when', i, 'field']);
    }
  });
  const tests = rule.when.map((c, i) => ({ field: c.field, test: conditionTest(c, ['when', i, 'value']) }));
  const out = { rule, tests };
  compiled.set(rule, out);
  return out;
}

function conditionTest(c: RuleCondition, path: Array<string | number>): Test {
  if (c.op === 'exists') return (v) => v !== '';
  const value = normaliseUtm(c.value);
  if (value === '') throw new ChannelRuleError(`A value is required for op "${c.op}"`, path);
  switch (c.op) {
    case 'equals':
      return (v) => v === value;
    case 'contains':
      return (v) => v.includes(value);
    case 'starts_with':
      return (v) => v.startsWith(value);
    case 'matches': {
      const re = compilePattern(c.value ?? '', path);
      return (v) => v !== '' && re.test(v.slice(0, MAX_MATCH_INPUT));
    }
    default:
      throw new ChannelRuleError(`Unknown op ${JSON.stringify(c.op)}`, path.slice(0, -1).concat('op'));
  }
}

function fieldValues(input: RuleInput, field: RuleField): string[] {
  if (field === 'click_id') {
    const ids = input.click_ids ?? {};
    return CLICK_ID_PARAMS.filter((p) => Boolean(ids[p]));
  }
  const v = input[field];
  return [typeof v === 'string' ? v.toLowerCase() : ''];
}

/**
 * The first rule, in list order, whose conditions all hold for the input, or null. A condition holds
 * when its field's value (compared case-insensitively) `equals`, `contains`, `starts_with` or
 * `matches` the rule value, or for `exists` is non-empty (an absent, empty value satisfies no other
 * op); for `click_id` it holds when any click id present qualifies by name. Rules are compiled on first use and cached; a rule that cannot be
 * compiled throws `ChannelRuleError` (validate with `channelRuleSchema` when rules are saved).
 */
export function firstMatchingRule(input: RuleInput, rules: readonly ChannelRule[]): ChannelRule | null {
  for (const rule of rules) {
    const { tests } = compileChannelRule(rule);
    if (tests.every(({ field, test }) => fieldValues(input, field).some(test))) return rule;
  }
  return null;
}

function isClickIdParam(s: string): s is ClickIdParam {
  return (CLICK_ID_PARAMS as readonly string[]).includes(s);
}
