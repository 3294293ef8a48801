import { newSlug } from '../core/ids.js';
import type { NewLink } from '../core/schemas/index.js';
import { SlugTakenError, type AppStore, type TrackingLink } from '../store/ports.js';

export type LinkView = TrackingLink & { url: string };

/** How a link prints: `RENDEMENT_PUBLIC_URL/r/slug`. */
export const linkUrl = (publicUrl: string, slug: string): string =>
  `${publicUrl.replace(/\/$/, '')}/r/${slug}`;

export const linkView = (publicUrl: string, l: TrackingLink): LinkView => ({
  ...l,
  url: linkUrl(publicUrl, l.slug),
});

/**
 * Create a tracking link. A chosen slug that is taken throws `SlugTakenError`; a random one is
 * drawn again (7 base62 characters: collisions are rare, but slugs are unique server-wide).
 */
export async function createTrackingLink(
  app: AppStore,
  workspaceId: string,
  input: NewLink,
  publicUrl: string,
): Promise<LinkView> {
  for (let attempt = 0; ; attempt++) {
    try {
      const link = await app.createLink({
        slug: input.slug ?? newSlug(),
        workspace_id: workspaceId,
        destination: input.destination,
        utm_source: input.utm_source ?? null,
        utm_medium: input.utm_medium ?? null,
        utm_campaign: input.utm_campaign ?? null,
        utm_term: input.utm_term ?? null,
        utm_content: input.utm_content ?? null,
        partner: input.partner ?? null,
      });
      return linkView(publicUrl, link);
    } catch (e) {
      if (!(e instanceof SlugTakenError) || input.slug || attempt >= 5) throw e;
    }
  }
}
