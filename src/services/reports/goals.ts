import { defaultDirection, goalInputSchema } from '../../budget/goal-input.js';
import { paceGoal, type DailyInputs, type GoalPacing } from '../../budget/pacing.js';
import type { KpiName } from '../../core/kpis.js';
import { addDays } from '../../core/periods.js';
import { DEFAULT_MODEL_SETTINGS, type Dimension, type KpiModel } from '../../core/report-params.js';
import { fieldErrors, type FieldError } from '../../core/schemas/index.js';
import { localDate } from '../../core/time.js';
import { normaliseUtm } from '../../core/url.js';
import type { AppStore, EventStore, Goal, NewGoal, Workspace } from '../../store/ports.js';
import { NOT_SET } from './kpis.js';

/** Weeks of history the weekday profile of a projection looks at. */
const PROFILE_DAYS = 56;

/** A goal with its pacing as of a local date; money in `currency`, formatted for `locale` by clients. */
export type GoalWithPacing = Goal & { pacing: GoalPacing; as_of: string; currency: string; locale: string };

interface Stores {
  app: AppStore;
  events: EventStore;
}

const NORMALISED = new Set(['campaign', 'ad_group', 'ad']);

/**
 * A goal's pacing on the workspace's today: the KPI's daily inputs over the goal's period so far
 * and the 8 weeks before today (weekday profile), in its scope and attribution model.
 */
export async function paceStoredGoal(
  stores: Stores,
  ws: Workspace,
  goal: Goal,
  now = Date.now(),
): Promise<GoalWithPacing> {
  const today = localDate(now, ws.time_zone);
  const last = today < goal.to ? today : goal.to;
  const historyFrom = addDays(last, -PROFILE_DAYS);
  const from = goal.from < historyFrom ? goal.from : historyFrom;
  const filters = goal.filters.map((f) => ({
    dimension: f.dimension as Dimension,
    values: f.values.map((v) => (v === NOT_SET ? '' : NORMALISED.has(f.dimension) ? normaliseUtm(v) : v)),
  }));
  const [undone, mappings] = await Promise.all([
    stores.app.undoneCostImportIds(ws.id),
    stores.app.listCampaignMappings(ws.id),
  ]);
  const facts =
    today < goal.from
      ? { rows: [] }
      : await stores.events.kpiFacts(ws.id, {
          from,
          to: last,
          timeZone: ws.time_zone,
          baseCurrency: ws.base_currency,
          by: [],
          grain: 'day',
          filters,
          attribution: {
            ...DEFAULT_MODEL_SETTINGS,
            model: (goal.model ?? DEFAULT_MODEL_SETTINGS.model) as KpiModel,
          },
          defaultMargin: ws.default_margin,
          undoneImports: undone,
          campaignMappings: mappings.map((m) => ({
            from: normaliseUtm(m.cost_campaign),
            to: normaliseUtm(m.utm_campaign),
          })),
          allRevenue: filters.length === 0,
        });
  const daily: DailyInputs[] = facts.rows.map((r) => ({ date: String(r.period), inputs: r.inputs }));
  const history = fillDays(
    daily.filter((d) => d.date < today && d.date >= historyFrom),
    historyFrom,
    addDays(today, -1),
  );
  const sofar = daily.filter((d) => d.date >= goal.from && d.date <= last);
  const pacing = paceGoal(
    {
      kpi: goal.kpi as KpiName,
      direction: goal.direction,
      target: goal.target,
      from: goal.from,
      to: goal.to,
    },
    sofar,
    history,
    today,
  );
  return { ...goal, as_of: today, currency: ws.base_currency, locale: ws.locale, pacing };
}

/** Days without any activity are zeros, not gaps: the weekday profile counts them. */
function fillDays(rows: DailyInputs[], from: string, to: string): DailyInputs[] {
  if (rows.length === 0) return [];
  const have = new Map(rows.map((r) => [r.date, r]));
  const template = rows[0]!.inputs;
  const out: DailyInputs[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const zero = Object.fromEntries(Object.entries(template).map(([k, v]) => [k, v === null ? null : 0]));
    out.push(have.get(d) ?? { date: d, inputs: zero as unknown as DailyInputs['inputs'] });
  }
  return out;
}

export async function listGoalsWithPacing(
  stores: Stores,
  ws: Workspace,
  now = Date.now(),
): Promise<GoalWithPacing[]> {
  const goals = await stores.app.listGoals(ws.id);
  return Promise.all(goals.map((g) => paceStoredGoal(stores, ws, g, now)));
}

/** Check a goal sent by a client (all fields for a new goal; any subset for an update). */
export function validateGoal(
  body: unknown,
  partial: boolean,
  current?: Goal,
): { goal: NewGoal } | { patch: Partial<NewGoal> } | { errors: FieldError[] } {
  if (!partial) {
    const parsed = goalInputSchema.safeParse(body);
    if (!parsed.success) return { errors: fieldErrors(parsed.error) };
    const g = parsed.data;
    return {
      goal: {
        name: g.name,
        kpi: g.kpi,
        direction: g.direction ?? defaultDirection(g.kpi),
        target: g.target,
        from: g.from,
        to: g.to,
        filters: g.filters ?? [],
        model: g.model ?? null,
      },
    };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { errors: [{ field: '(body)', reason: 'must be an object' }] };
  // Validate the goal as it would be after the update, then keep only the fields sent.
  const merged = { ...toInput(current!), ...(body as Record<string, unknown>) };
  const parsed = goalInputSchema.safeParse(merged);
  if (!parsed.success) return { errors: fieldErrors(parsed.error) };
  const patch: Partial<NewGoal> = {};
  const b = body as Record<string, unknown>;
  for (const k of ['name', 'kpi', 'direction', 'target', 'from', 'to', 'filters', 'model'] as const)
    if (k in b) (patch as Record<string, unknown>)[k] = parsed.data[k] ?? null;
  return { patch };
}

function toInput(g: Goal) {
  return {
    name: g.name,
    kpi: g.kpi,
    direction: g.direction,
    target: g.target,
    from: g.from,
    to: g.to,
    filters: g.filters,
    model: g.model,
  };
}
