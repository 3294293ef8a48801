import type {
  ConversionChangeRow,
  ConversionRow,
  CostRow,
  IdentityRow,
  TouchpointRow,
} from '../core/records.js';
import type {
  AttributionPathQuery,
  AttributionPaths,
  CohortFactQuery,
  CohortFacts,
  ConversionCredit,
  CreditRowsQuery,
  ExperimentFactQuery,
  ExperimentFacts,
  KpiFactQuery,
  KpiFacts,
} from './report-facts.js';
import type { CostRowConstants, EncodedTable } from './row-codec.js';

/**
 * The ports the rest of Rendement may use. Adapters: `store/events` (ClickHouse SQL on embedded
 * chDB or a ClickHouse server) and `store/app` (Kysely on SQLite or PostgreSQL).
 * Every method takes the workspace id and every query is scoped to it (tenant isolation).
 */

export * from './report-facts.js';
export * from './store-errors.js';

/** The current state of a conversion: what the idempotency check compares and merges against. */
export type StoredConversion = ConversionRow;

/** One record of a user's raw-data export: `kind` tells touchpoint from conversion. */
export type ExportRecord =
  | ({ kind: 'touchpoint' } & Omit<TouchpointRow, 'workspace_id'>)
  | ({ kind: 'conversion' } & Omit<ConversionRow, 'workspace_id' | 'version' | 'body_hash'>);

export interface TouchpointQuery {
  from?: number;
  to?: number;
  limit?: number;
  visitorId?: string;
}

/** A stored cost row with its client line id (`POST /v1/costs` `id`; '' for imported rows). */
export type CostLine = CostRow & { line_id: string };

export interface CostQuery {
  /** Local dates `YYYY-MM-DD`, both inclusive. */
  from?: string;
  to?: string;
  /** Ids of undone imports (from the app store): their rows never count. */
  undoneImports?: string[];
}

/** 1 unit of `currency` = `rate` units of the workspace's base currency, from `date` on. */
export interface FxRate {
  currency: string;
  date: string;
  /** Decimal string, e.g. `"0.92"`. */
  rate: string;
}

export interface ConvertedCost extends CostLine {
  /** The amount in the base currency; null when no rate was known on or before the cost's date. */
  amount_base: string | null;
  /** The rate used ('1' for the base currency), null when none was known. */
  fx_rate: string | null;
}

/** Costs that could not be converted: reported, never dropped or counted 1:1. */
export interface MissingRate {
  currency: string;
  first_date: string;
  last_date: string;
  rows: number;
  amount: string;
}

export interface CostsInBase {
  base_currency: string;
  rows: ConvertedCost[];
  /** Sum of the converted amounts (rows with a missing rate excluded, and listed in missing_rates). */
  total: string;
  missing_rates: MissingRate[];
}

/** Spend per campaign, for matching costs to tracked traffic. */
export interface CostCampaign {
  platform: string;
  channel: string;
  campaign: string;
  campaign_id: string;
  currency: string;
  amount: string;
}

/** Tracked paid touchpoints per campaign. */
export interface TrafficCampaign {
  channel: string;
  utm_campaign: string;
  utm_id: string;
  touchpoints: number;
}

export interface EventStore {
  /** Apply pending versioned migrations (forward-only, safe to re-run). */
  migrate(): Promise<void>;
  insertTouchpoints(rows: TouchpointRow[]): Promise<void>;
  /**
   * Insert rows encoded by `store/row-codec.ts`, one per line (the collector's hot path: encoded
   * once, spooled, and handed over as the file's bytes).
   */
  insertEncoded(table: EncodedTable, body: Buffer | string): Promise<void>;
  /** The same from a file of such lines (a closed spool segment); the embedded engine reads it itself. */
  insertEncodedFile(table: EncodedTable, path: string): Promise<void>;
  insertIdentities(rows: IdentityRow[]): Promise<void>;
  insertCosts(rows: CostRow[]): Promise<void>;
  /**
   * Insert cost rows that share the columns `fixed`, as one batch: the bulk path of cost-file
   * imports. `chunks` are consecutive buffers of lines by `encodeCostVaryingTsv` (the other
   * columns), every line ending in `\n`.
   */
  insertCostLines(fixed: CostRowConstants, chunks: Buffer[]): Promise<void>;
  /** Current state of the given conversion ids in a workspace. */
  getConversions(workspaceId: string, ids: string[]): Promise<Map<string, StoredConversion>>;
  /** Write new conversion versions and their history entries (durably, fsync'd). */
  writeConversions(rows: ConversionRow[], changes: ConversionChangeRow[]): Promise<void>;
  /** Event ids received since `sinceMs` (all workspaces): seeds the collector's dedup window. */
  recentEventIds(
    sinceMs: number,
    limitPerWorkspace?: number,
  ): Promise<Array<{ workspace_id: string; event_id: string }>>;
  /** Touchpoints of a workspace, newest first; deduplicated on event id. */
  listTouchpoints(workspaceId: string, q?: TouchpointQuery): Promise<TouchpointRow[]>;
  /** Conversions (current state) of a workspace whose timestamp falls in [from, to). */
  listConversions(workspaceId: string, q?: { from?: number; to?: number }): Promise<ConversionRow[]>;
  conversionHistory(workspaceId: string, conversionId: string): Promise<ConversionChangeRow[]>;
  listIdentities(workspaceId: string): Promise<IdentityRow[]>;
  listCosts(workspaceId: string, q?: { from?: string; to?: string }): Promise<CostRow[]>;
  /**
   * The cost rows that count: rows of undone imports are left out; of the imports of the same
   * (platform, account_id, date) only the newest counts (import ids sort by time); of the writes
   * of the same line id only the newest. Other rows always count.
   */
  effectiveCosts(workspaceId: string, q?: CostQuery): Promise<CostLine[]>;
  /** The effective costs converted to `baseCurrency` at the rate of their date (or the latest earlier one). */
  costsInBase(workspaceId: string, baseCurrency: string, q?: CostQuery): Promise<CostsInBase>;
  /** Insert or replace (same currency and date) FX rates. */
  setFxRates(workspaceId: string, rates: FxRate[]): Promise<void>;
  listFxRates(workspaceId: string): Promise<FxRate[]>;
  /** Effective media spend per campaign in [from, to] (local dates). */
  costCampaigns(workspaceId: string, q: CostQuery): Promise<CostCampaign[]>;
  /** Touchpoints of the given channels per campaign in [from, to) (epoch ms). */
  trafficCampaigns(
    workspaceId: string,
    q: { from: number; to: number; channels: string[] },
  ): Promise<TrafficCampaign[]>;
  /** Additive KPI inputs per period × dimensions: costs, tracked traffic and attributed conversions. */
  kpiFacts(workspaceId: string, q: KpiFactQuery): Promise<KpiFacts>;
  /** Purchases of customer cohorts by acquisition month, first-touch channel and age in months. */
  cohortFacts(workspaceId: string, q: CohortFactQuery): Promise<CohortFacts>;
  /** Aggregated journeys, in one pass over the touchpoints, for the attribution models and path reports. */
  attributionPaths(workspaceId: string, q: AttributionPathQuery): Promise<AttributionPaths>;
  /** The stored per-conversion credit of a rule-based model (computed first where missing), in time order. */
  creditRows(workspaceId: string, q: CreditRowsQuery): AsyncIterable<ConversionCredit>;
  /** Drop the report rollups that assume settled data (after a spool replay stored old rows). */
  invalidateRollups(): Promise<void>;
  /** Exposures, outcomes and the SRM segments of an event-based experiment. */
  experimentFacts(workspaceId: string, q: ExperimentFactQuery): Promise<ExperimentFacts>;
  /** Distinct (non-bot) visitors with a touchpoint in [from, to) (epoch ms): the planner's traffic. */
  visitorsEntering(workspaceId: string, q: { from: number; to: number }): Promise<number>;
  /** The user's raw data in [from, to): touchpoints then conversions, streamed. */
  exportEvents(workspaceId: string, from: number, to: number): AsyncIterable<ExportRecord>;
  /** Size on disk of the event tables in bytes (for benchmarks and the admin view). */
  diskBytes(): Promise<number>;
  close(): Promise<void>;
}

export interface Workspace {
  id: string;
  name: string;
  base_currency: string;
  time_zone: string;
  locale: string;
  /** Origins allowed to use the public write key from a browser; empty = any. */
  allowed_origins: string[];
  /** Margin (fraction of revenue) of conversions that carry none; null = not set. */
  default_margin: number | null;
  created_at: string;
}

export type ApiKeyKind = 'write' | 'secret';

export interface ApiKeyRecord {
  id: string;
  workspace_id: string;
  kind: ApiKeyKind;
  /** The first characters of the key, shown in lists so that users can tell keys apart. */
  prefix: string;
  created_at: string;
  revoked_at: string | null;
}

export interface TrackingLink {
  slug: string;
  workspace_id: string;
  destination: string;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  partner: string | null;
  created_at: string;
}

/** One cost-file import (undo keeps the record and marks it). */
export interface CostImportRecord {
  /** Sorts by creation time (`imp_…`). */
  id: string;
  workspace_id: string;
  file_name: string;
  platform: string;
  account_ids: string[];
  date_from: string | null;
  date_to: string | null;
  rows_read: number;
  rows_imported: number;
  rows_rejected: number;
  /** The API key id, or "cli". */
  created_by: string;
  created_at: string;
  undone_at: string | null;
  undone_by: string | null;
}

export type NewCostImport = Omit<CostImportRecord, 'created_at' | 'undone_at' | 'undone_by'>;

/** A workspace rule: spend of `cost_campaign` belongs to traffic tagged `utm_campaign`. */
export interface CampaignMapping {
  workspace_id: string;
  cost_campaign: string;
  utm_campaign: string;
  created_at: string;
}

/** A SMART goal: a KPI, a target and direction, a period (local dates), a scope of report filters. */
export interface Goal {
  id: string;
  workspace_id: string;
  name: string;
  kpi: string;
  direction: 'at_least' | 'at_most';
  target: number;
  from: string;
  to: string;
  filters: Array<{ dimension: string; values: string[] }>;
  /** Attribution model for attributed KPIs (null: the default). */
  model: string | null;
  created_at: string;
  updated_at: string;
}

export type NewGoal = Omit<Goal, 'id' | 'workspace_id' | 'created_at' | 'updated_at'>;

/** Metrics an event-based experiment reads from exposures and conversions. */
export type ExperimentMetric = 'conversion_rate' | 'revenue_per_visitor' | 'aov';
export type ExperimentStatus = 'draft' | 'running' | 'stopped' | 'completed';

/** An experiment defined in a workspace: exposures are touchpoints with `experiment` = `key`. */
export interface Experiment {
  id: string;
  workspace_id: string;
  key: string;
  name: string;
  hypothesis: string | null;
  /** Control first; allocations are fractions summing to 1. */
  variants: Array<{ name: string; allocation: number }>;
  primary_metric: ExperimentMetric;
  secondary_metrics: ExperimentMetric[];
  guardrail_metrics: ExperimentMetric[];
  /** The conversion type that counts as the outcome (default `purchase`). */
  conversion_type: string;
  /** Local dates (workspace time zone), both inclusive; `to` null while open-ended. */
  from: string;
  to: string | null;
  status: ExperimentStatus;
  created_at: string;
  updated_at: string;
}

export type NewExperiment = Omit<Experiment, 'id' | 'workspace_id' | 'created_at' | 'updated_at'>;

export interface NewWorkspace {
  name: string;
  base_currency?: string;
  time_zone?: string;
  locale?: string;
}

/** Settings a workspace can change after creation (the name is its handle and stays). */
export interface WorkspacePatch {
  base_currency?: string;
  time_zone?: string;
  locale?: string;
  allowed_origins?: string[];
  /** A fraction in [0, 1]; null clears it. */
  default_margin?: number | null;
}

/** What a member may do in a workspace, from most to least: see `http/access.ts` for each role's rights. */
export type Role = 'owner' | 'admin' | 'analyst' | 'viewer';
export const ROLES: readonly Role[] = ['owner', 'admin', 'analyst', 'viewer'];

export interface User {
  id: string;
  /** Lower-cased and trimmed. */
  email: string;
  name: string | null;
  created_at: string;
}

export interface NewUser {
  email: string;
  name?: string | null;
  /** A memory-hard hash made by `services/users` (`scrypt$…`); the store never sees a password. */
  password_hash: string;
}

export interface Membership {
  user_id: string;
  workspace_id: string;
  role: Role;
  created_at: string;
}

export interface Member extends User {
  role: Role;
}

export interface Session {
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface Invite {
  id: string;
  workspace_id: string;
  email: string;
  role: Role;
  /** The user id (or "api"/"cli") that invited. */
  created_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}

export interface NewInvite {
  workspace_id: string;
  email: string;
  role: Role;
  created_by: string;
  expires_at: string;
}

export interface AppStore {
  migrate(): Promise<void>;
  createWorkspace(input: NewWorkspace): Promise<Workspace>;
  /** Change settings; throws `ValidationError` naming the bad field, `WorkspaceNotFoundError`. */
  updateWorkspace(id: string, patch: WorkspacePatch): Promise<Workspace>;
  getWorkspace(id: string): Promise<Workspace | null>;
  findWorkspaceByName(name: string): Promise<Workspace | null>;
  listWorkspaces(): Promise<Workspace[]>;
  /**
   * Create a key and return its plaintext once. Secret keys are stored only as a hash;
   * write keys are public (they sit in the page's snippet) and kept readable.
   */
  createApiKey(workspaceId: string, kind: ApiKeyKind): Promise<{ key: string; record: ApiKeyRecord }>;
  /** The workspace a presented key belongs to, or null when unknown or revoked. */
  resolveApiKey(
    kind: ApiKeyKind,
    presented: string,
  ): Promise<{ workspace_id: string; key_id: string } | null>;
  listApiKeys(workspaceId: string): Promise<ApiKeyRecord[]>;
  /** Public write keys of a workspace in clear (they are public by design). */
  writeKeys(workspaceId: string): Promise<string[]>;
  revokeApiKey(workspaceId: string, keyId: string): Promise<boolean>;
  /** Create a link; throws `SlugTakenError` when the slug exists (slugs are unique server-wide). */
  createLink(link: Omit<TrackingLink, 'created_at'>): Promise<TrackingLink>;
  getLink(slug: string): Promise<TrackingLink | null>;
  listLinks(workspaceId: string): Promise<TrackingLink[]>;
  recordCostImport(rec: NewCostImport): Promise<CostImportRecord>;
  /** Newest first. */
  listCostImports(workspaceId: string): Promise<CostImportRecord[]>;
  getCostImport(workspaceId: string, id: string): Promise<CostImportRecord | null>;
  /** Mark an import undone (idempotent: an undone import stays as first undone); null when unknown. */
  undoCostImport(workspaceId: string, id: string, by: string): Promise<CostImportRecord | null>;
  undoneCostImportIds(workspaceId: string): Promise<string[]>;
  /** Insert or replace the mapping of a cost campaign (names compared normalised). */
  setCampaignMapping(
    workspaceId: string,
    costCampaign: string,
    utmCampaign: string,
  ): Promise<CampaignMapping>;
  listCampaignMappings(workspaceId: string): Promise<CampaignMapping[]>;
  /** Create a user; throws `UserExistsError` when the e-mail address is taken, `ValidationError` for a bad address. */
  createUser(input: NewUser): Promise<User>;
  getUser(id: string): Promise<User | null>;
  /** The user with their password hash, for sign-in only. */
  findUserByEmail(email: string): Promise<(User & { password_hash: string }) | null>;
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;
  /** Give a user a role in a workspace (replaces an earlier role); throws `WorkspaceNotFoundError`. */
  setMembership(userId: string, workspaceId: string, role: Role): Promise<Membership>;
  listMemberships(userId: string): Promise<Membership[]>;
  listMembers(workspaceId: string): Promise<Member[]>;
  /** Start a session; the token is returned once and only its hash is stored. */
  createSession(userId: string, expiresAt: string): Promise<{ token: string; session: Session }>;
  /** The session of a presented token, expired ones included (callers tell "expired" from "unknown"). */
  getSession(token: string): Promise<Session | null>;
  deleteSession(token: string): Promise<void>;
  /** Drop a user's expired sessions (and, with `all`, every session: after a password change). */
  deleteSessions(userId: string, opts?: { all?: boolean }): Promise<void>;
  /** Create an invite; the token is returned once and only its hash is stored. */
  createInvite(input: NewInvite): Promise<{ token: string; invite: Invite }>;
  getInviteByToken(token: string): Promise<Invite | null>;
  /** Mark accepted once: false when it was accepted already (a second use of the link). */
  acceptInvite(id: string): Promise<boolean>;
  listInvites(workspaceId: string): Promise<Invite[]>;
  /** Goals (validated by the caller); throws `WorkspaceNotFoundError` for an unknown workspace. */
  createGoal(workspaceId: string, goal: NewGoal): Promise<Goal>;
  getGoal(workspaceId: string, id: string): Promise<Goal | null>;
  /** Ordered by period start. */
  listGoals(workspaceId: string): Promise<Goal[]>;
  /** Change the given fields; null when the goal does not exist in the workspace. */
  updateGoal(workspaceId: string, id: string, patch: Partial<NewGoal>): Promise<Goal | null>;
  deleteGoal(workspaceId: string, id: string): Promise<boolean>;
  /** Experiments (validated by the caller); throws `WorkspaceNotFoundError` for an unknown workspace. */
  createExperiment(workspaceId: string, experiment: NewExperiment): Promise<Experiment>;
  getExperiment(workspaceId: string, id: string): Promise<Experiment | null>;
  /** Newest start first. */
  listExperiments(workspaceId: string): Promise<Experiment[]>;
  updateExperiment(
    workspaceId: string,
    id: string,
    patch: Partial<NewExperiment>,
  ): Promise<Experiment | null>;
  deleteExperiment(workspaceId: string, id: string): Promise<boolean>;
  close(): Promise<void>;
}
