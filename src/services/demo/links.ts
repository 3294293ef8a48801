/**
 * The tracking links behind the demo's partner traffic: one per affiliate and influencer, with the
 * slugs, UTM tags and partner names that the generated landing pageviews carry.
 */
import type { TrackingLink } from '../../store/ports.js';
import { AFFILIATES, INFLUENCERS } from './partners.js';

export type DemoLink = Omit<TrackingLink, 'created_at' | 'workspace_id'>;

export function demoLinks(siteHost: string): DemoLink[] {
  return [
    ...AFFILIATES.map((a) => ({
      slug: a.slug,
      destination: `https://${siteHost}/`,
      utm_source: a.partner,
      utm_medium: 'affiliate',
      utm_campaign: a.campaign,
      utm_term: null,
      utm_content: null,
      partner: a.partner,
    })),
    ...INFLUENCERS.map((i) => ({
      slug: i.slug,
      destination: `https://${siteHost}/fietsen/e-bikes`,
      utm_source: i.utmSource,
      utm_medium: 'influencer',
      utm_campaign: i.campaign,
      utm_term: null,
      utm_content: i.handle,
      partner: i.partner,
    })),
  ];
}
