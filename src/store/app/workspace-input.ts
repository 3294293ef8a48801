import { isCurrencyCode } from '../../core/money.js';
import { isTimeZone } from '../../core/time.js';
import type { NewWorkspace, WorkspacePatch } from '../ports.js';
import { ValidationError } from './errors.js';

export const WORKSPACE_DEFAULTS = {
  base_currency: 'EUR',
  time_zone: 'Europe/Brussels',
  locale: 'en',
} as const;

const MAX_NAME_LENGTH = 100;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** Check a new workspace and fill in the defaults; throws `ValidationError` naming the first bad field. */
export function validateNewWorkspace(input: NewWorkspace): Required<NewWorkspace> {
  if (typeof input !== 'object' || input === null)
    throw new ValidationError('workspace', 'must be an object');
  return {
    name: workspaceName(input.name),
    base_currency: currency(input.base_currency ?? WORKSPACE_DEFAULTS.base_currency),
    time_zone: timeZone(input.time_zone ?? WORKSPACE_DEFAULTS.time_zone),
    locale: locale(input.locale ?? WORKSPACE_DEFAULTS.locale),
  };
}

/** Names are trimmed so that "shop" and "shop " cannot become two workspaces. */
function workspaceName(name: unknown): string {
  if (typeof name !== 'string') throw new ValidationError('name', 'must be a string');
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new ValidationError('name', 'must not be empty');
  if (trimmed.length > MAX_NAME_LENGTH)
    throw new ValidationError('name', `must be at most ${MAX_NAME_LENGTH} characters`);
  if (CONTROL_CHARS.test(trimmed)) throw new ValidationError('name', 'must not contain control characters');
  return trimmed;
}

function currency(code: unknown): string {
  if (typeof code !== 'string' || !isCurrencyCode(code)) {
    throw new ValidationError('base_currency', 'must be an ISO 4217 currency code in capitals, e.g. EUR');
  }
  return code;
}

function timeZone(tz: unknown): string {
  if (typeof tz !== 'string' || tz.length === 0 || !isTimeZone(tz)) {
    throw new ValidationError('time_zone', 'must be an IANA time zone, e.g. Europe/Brussels');
  }
  return tz;
}

/** Any BCP-47 tag Intl accepts, stored in canonical form (`nl-be` → `nl-BE`) so that lookups compare equal. */
function locale(tag: unknown): string {
  const reason = 'must be a BCP-47 language tag, e.g. nl-BE';
  if (typeof tag !== 'string' || tag.length === 0 || tag.length > 35)
    throw new ValidationError('locale', reason);
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (!canonical) throw new ValidationError('locale', reason);
    return canonical;
  } catch {
    throw new ValidationError('locale', reason);
  }
}

/**
 * Origins a browser may send events from with the public write key: `https://shop.example.be`
 * (scheme, host and optional port; no path). At most 50, de-duplicated.
 */
export function validateOrigins(origins: unknown): string[] {
  if (!Array.isArray(origins)) throw new ValidationError('allowed_origins', 'must be a list of origins');
  if (origins.length > 50) throw new ValidationError('allowed_origins', 'must hold at most 50 origins');
  const out = new Set<string>();
  for (const o of origins) {
    let url: URL | null;
    try {
      url = typeof o === 'string' ? new URL(o) : null;
    } catch {
      url = null;
    }
    if (
      !url ||
      (url.protocol !== 'https:' && url.protocol !== 'http:') ||
      url.origin !== o.replace(/\/$/, '')
    )
      throw new ValidationError(
        'allowed_origins',
        `"${String(o)}" is not an origin such as https://shop.example.be`,
      );
    out.add(url.origin);
  }
  return [...out];
}

/** Validate the fields of a workspace update; absent fields stay as they are. */
export function validateWorkspacePatch(patch: WorkspacePatch): WorkspacePatch {
  const out: WorkspacePatch = {};
  if (patch.base_currency !== undefined) out.base_currency = currency(patch.base_currency);
  if (patch.time_zone !== undefined) out.time_zone = timeZone(patch.time_zone);
  if (patch.locale !== undefined) out.locale = locale(patch.locale);
  if (patch.allowed_origins !== undefined) out.allowed_origins = validateOrigins(patch.allowed_origins);
  if (patch.default_margin !== undefined) out.default_margin = margin(patch.default_margin);
  return out;
}

/** A margin is a fraction of revenue: 0.35 for 35%. */
function margin(v: unknown): number | null {
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1)
    throw new ValidationError('default_margin', 'must be a fraction from 0 to 1 (0.35 for 35%), or null');
  return v;
}
