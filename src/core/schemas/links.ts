import { z } from 'zod';
import { SLUG_PATTERN } from '../ids.js';

const isHttpDestination = (s: string): boolean => {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
};

const utm = z.string().trim().min(1, 'must not be empty').max(256).optional();

/**
 * A tracking link (`POST /v1/links`). Only absolute http(s) destinations are stored, so `/r/:slug`
 * can never become an open redirect: it only ever sends visitors to a URL a key holder saved.
 */
export const newLinkSchema = z.object({
  destination: z
    .string()
    .trim()
    .max(2048, 'must be at most 2048 characters')
    .refine(isHttpDestination, 'must be an absolute http:// or https:// URL'),
  slug: z
    .string()
    .trim()
    .regex(SLUG_PATTERN, 'must be 1–64 letters, digits, - or _, starting with a letter or digit')
    .optional(),
  utm_source: utm,
  utm_medium: utm,
  utm_campaign: utm,
  utm_term: utm,
  utm_content: utm,
  partner: z.string().trim().min(1).max(128).optional(),
});

export type NewLink = z.output<typeof newLinkSchema>;
