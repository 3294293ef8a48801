import type { ConversionChangeRow, ConversionRow, IdentityRow, TouchpointRow } from '../../core/records.js';
import { toClickHouseDateTime } from '../../core/time.js';

/** `DateTime64(3, 'UTC')` text back to epoch ms. */
export const fromClickHouseDateTime = (s: string): number => Date.parse(`${s.replace(' ', 'T')}Z`);

type Raw = Record<string, unknown>;

export function touchpointFromDb(r: Raw): TouchpointRow {
  return {
    ...(r as unknown as TouchpointRow),
    ts: fromClickHouseDateTime(r.ts as string),
    received_at: fromClickHouseDateTime(r.received_at as string),
    touch: Number(r.touch) as 0 | 1,
    is_bot: Number(r.is_bot) as 0 | 1,
    consent_analytics: Number(r.consent_analytics) as 0 | 1,
    consent_marketing: Number(r.consent_marketing) as 0 | 1,
  };
}

export function conversionToDb(r: ConversionRow): Raw {
  return { ...r, ts: toClickHouseDateTime(r.ts), received_at: toClickHouseDateTime(r.received_at) };
}

/** ClickHouse prints `19.9900` style decimals; the wire and exports use the shortest form. */
export const trimDecimal = (s: unknown): string => {
  const t = String(s);
  return t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t;
};

export function conversionFromDb(r: Raw): ConversionRow {
  return {
    ...(r as unknown as ConversionRow),
    ts: fromClickHouseDateTime(r.ts as string),
    received_at: fromClickHouseDateTime(r.received_at as string),
    value: trimDecimal(r.value),
    refunded_value: trimDecimal(r.refunded_value),
    tax: trimDecimal(r.tax),
    shipping: trimDecimal(r.shipping),
    discount: trimDecimal(r.discount),
    margin: r.margin === null ? null : Number(r.margin),
    new_customer: r.new_customer === null ? null : (Number(r.new_customer) as 0 | 1),
    backfill: Number(r.backfill) as 0 | 1,
    version: Number(r.version),
  };
}

export function changeToDb(r: ConversionChangeRow): Raw {
  return { ...r, changed_at: toClickHouseDateTime(r.changed_at) };
}

export function changeFromDb(r: Raw): ConversionChangeRow {
  return {
    ...(r as unknown as ConversionChangeRow),
    changed_at: fromClickHouseDateTime(r.changed_at as string),
    value: trimDecimal(r.value),
    refunded_value: trimDecimal(r.refunded_value),
  };
}

export function identityFromDb(r: Raw): IdentityRow {
  return { ...(r as unknown as IdentityRow), ts: fromClickHouseDateTime(r.ts as string) };
}
