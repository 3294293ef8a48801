import type { Kysely } from 'kysely';
import { SLUG_PATTERN } from '../../core/ids.js';
import { SlugTakenError, type TrackingLink } from '../ports.js';
import { isForeignKeyViolation, isUniqueViolation } from './constraint-errors.js';
import { ValidationError, WorkspaceNotFoundError } from './errors.js';
import type { AppDatabase } from './schema.js';

const MAX_URL_LENGTH = 2048;
const MAX_FIELD_LENGTH = 500;
const OPTIONAL_FIELDS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'partner',
] as const;

export async function createLink(
  db: Kysely<AppDatabase>,
  input: Omit<TrackingLink, 'created_at'>,
): Promise<TrackingLink> {
  const link = validateLink(input);
  try {
    await db.insertInto('links').values(link).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new SlugTakenError(link.slug);
    if (isForeignKeyViolation(err)) throw new WorkspaceNotFoundError(link.workspace_id);
    throw err;
  }
  return link;
}

/** Not workspace-scoped on purpose: slugs are unique server-wide and the redirect knows only the slug. */
export async function getLink(db: Kysely<AppDatabase>, slug: string): Promise<TrackingLink | null> {
  const row = await db.selectFrom('links').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ?? null;
}

/** Newest first: the dashboard lists the links just made at the top. */
export async function listLinks(db: Kysely<AppDatabase>, workspaceId: string): Promise<TrackingLink[]> {
  return db
    .selectFrom('links')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .orderBy('slug')
    .execute();
}

function validateLink(input: Omit<TrackingLink, 'created_at'>): TrackingLink {
  if (typeof input !== 'object' || input === null) throw new ValidationError('link', 'must be an object');
  if (typeof input.slug !== 'string' || !SLUG_PATTERN.test(input.slug)) {
    throw new ValidationError(
      'slug',
      'must be 1–64 letters, digits, - or _, starting with a letter or digit',
    );
  }
  if (typeof input.workspace_id !== 'string' || input.workspace_id.length === 0) {
    throw new ValidationError('workspace_id', 'must be a workspace id');
  }
  const link: TrackingLink = {
    slug: input.slug,
    workspace_id: input.workspace_id,
    destination: destination(input.destination),
    utm_source: null,
    utm_medium: null,
    utm_campaign: null,
    utm_term: null,
    utm_content: null,
    partner: null,
    created_at: new Date().toISOString(),
  };
  for (const field of OPTIONAL_FIELDS) {
    const value: unknown = input[field];
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string' || value.length > MAX_FIELD_LENGTH) {
      throw new ValidationError(field, `must be a string of at most ${MAX_FIELD_LENGTH} characters, or null`);
    }
    link[field] = value;
  }
  return link;
}

/** Only http(s): a redirect to `javascript:` or `data:` would turn our domain into an attack vector. */
function destination(value: unknown): string {
  const reason = 'must be an absolute http(s) URL';
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH)
    throw new ValidationError('destination', reason);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError('destination', reason);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ValidationError('destination', reason);
  return value;
}
