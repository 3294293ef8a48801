import type { ApiKeyKind, Role } from '../ports.js';

/**
 * The tables as Kysely sees them. Only types both dialects store alike: timestamps are ISO-8601
 * text (UTC, `toISOString()`), arrays are JSON text, booleans would be 0/1 integers — SQLite has no
 * native timestamp, array or boolean type, and one representation keeps the Kysely code identical.
 */
export interface WorkspacesTable {
  id: string;
  name: string;
  base_currency: string;
  time_zone: string;
  locale: string;
  /** JSON array of origins. */
  allowed_origins: string;
  /** Fraction of revenue, NULL when not set. */
  default_margin: number | null;
  created_at: string;
}

export interface ApiKeysTable {
  id: string;
  workspace_id: string;
  kind: ApiKeyKind;
  prefix: string;
  /** SHA-256 hex of the whole key: the lookup column. */
  key_hash: string;
  /** The key itself, for public write keys only; NULL for secret keys. */
  plaintext: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface LinksTable {
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

export interface CostImportsTable {
  id: string;
  workspace_id: string;
  file_name: string;
  platform: string;
  /** JSON array of account ids. */
  account_ids: string;
  date_from: string | null;
  date_to: string | null;
  rows_read: number;
  rows_imported: number;
  rows_rejected: number;
  created_by: string;
  created_at: string;
  undone_at: string | null;
  undone_by: string | null;
}

export interface CampaignMapTable {
  workspace_id: string;
  /** Normalised: lower-case, trimmed, single spaces. */
  cost_campaign: string;
  utm_campaign: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string | null;
  password_hash: string;
  created_at: string;
}

export interface MembershipsTable {
  user_id: string;
  workspace_id: string;
  role: Role;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 hex of the session token (the cookie's value). */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface InvitesTable {
  id: string;
  workspace_id: string;
  email: string;
  role: Role;
  /** SHA-256 hex of the invite token (sent in the invite link). */
  token_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}

export interface GoalsTable {
  id: string;
  workspace_id: string;
  name: string;
  kpi: string;
  direction: string;
  target: number;
  date_from: string;
  date_to: string;
  /** JSON array of {dimension, values}. */
  filters: string;
  model: string | null;
  created_at: string;
  updated_at: string;
}

export interface ExperimentsTable {
  id: string;
  workspace_id: string;
  /** The `experiment` value exposures carry. */
  key: string;
  name: string;
  hypothesis: string | null;
  /** JSON array of {name, allocation}, control first. */
  variants: string;
  primary_metric: string;
  /** JSON arrays of metric names. */
  secondary_metrics: string;
  guardrail_metrics: string;
  conversion_type: string;
  date_from: string;
  date_to: string | null;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface AppDatabase {
  workspaces: WorkspacesTable;
  api_keys: ApiKeysTable;
  links: LinksTable;
  cost_imports: CostImportsTable;
  campaign_map: CampaignMapTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  invites: InvitesTable;
  goals: GoalsTable;
  experiments: ExperimentsTable;
}

export type AppDialect = 'sqlite' | 'postgres';
