import type {
  ConversionChangeRow,
  ConversionRow,
  CostRow,
  IdentityRow,
  TouchpointRow,
} from '../core/records.js';
import type { EncodedTable } from './row-codec.js';

/**
 * The ports the rest of Rendement may use. Adapters: `store/events` (ClickHouse SQL on embedded
 * chDB or a ClickHouse server) and `store/app` (Kysely on SQLite or PostgreSQL).
 * Every method takes the workspace id and every query is scoped to it (tenant isolation).
 */

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

export interface EventStore {
  /** Apply pending versioned migrations (forward-only, safe to re-run). */
  migrate(): Promise<void>;
  insertTouchpoints(rows: TouchpointRow[]): Promise<void>;
  /**
   * Insert rows encoded by `store/row-codec.ts`, one per line (the collector's hot path: encoded
   * once, spooled, and handed over as the file's bytes).
   */
  insertEncoded(table: EncodedTable, body: Buffer | string): Promise<void>;
  insertIdentities(rows: IdentityRow[]): Promise<void>;
  insertCosts(rows: CostRow[]): Promise<void>;
  /** Current state of the given conversion ids in a workspace. */
  getConversions(workspaceId: string, ids: string[]): Promise<Map<string, StoredConversion>>;
  /** Write new conversion versions and their history entries (durably, fsync'd). */
  writeConversions(rows: ConversionRow[], changes: ConversionChangeRow[]): Promise<void>;
  /** Event ids received since `sinceMs` (all workspaces): seeds the collector's dedup window. */
  recentEventIds(sinceMs: number): Promise<Array<{ workspace_id: string; event_id: string }>>;
  /** Touchpoints of a workspace, newest first; deduplicated on event id. */
  listTouchpoints(workspaceId: string, q?: TouchpointQuery): Promise<TouchpointRow[]>;
  /** Conversions (current state) of a workspace whose timestamp falls in [from, to). */
  listConversions(workspaceId: string, q?: { from?: number; to?: number }): Promise<ConversionRow[]>;
  conversionHistory(workspaceId: string, conversionId: string): Promise<ConversionChangeRow[]>;
  listIdentities(workspaceId: string): Promise<IdentityRow[]>;
  listCosts(workspaceId: string, q?: { from?: string; to?: string }): Promise<CostRow[]>;
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

export interface NewWorkspace {
  name: string;
  base_currency?: string;
  time_zone?: string;
  locale?: string;
}

export interface AppStore {
  migrate(): Promise<void>;
  createWorkspace(input: NewWorkspace): Promise<Workspace>;
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
  close(): Promise<void>;
}

export class SlugTakenError extends Error {
  constructor(readonly slug: string) {
    super(`slug "${slug}" is already taken`);
    this.name = 'SlugTakenError';
  }
}

/** Typed errors of the app store, so that callers (HTTP, CLI) can map them to answers without parsing messages. */

/** An input the store refuses: `field` names the offending property, `reason` says what is wrong with it. */
export class ValidationError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'ValidationError';
  }
}

/** Workspace names are unique (the CLI and the dashboard address workspaces by name). */
export class WorkspaceExistsError extends Error {
  constructor(readonly workspaceName: string) {
    super(`a workspace named "${workspaceName}" already exists`);
    this.name = 'WorkspaceExistsError';
  }
}

/** A workspace-scoped write named a workspace that does not exist. */
export class WorkspaceNotFoundError extends Error {
  constructor(readonly workspaceId: string) {
    super(`workspace "${workspaceId}" does not exist`);
    this.name = 'WorkspaceNotFoundError';
  }
}
