let run = 0;

/** The user agent the ingest benches send (one agent: the collector caches its parse). */
export const BENCH_USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36';

/**
 * `POST /v1/events` bodies of `perRequest` landing pageviews (UTM tags, a gclid, a referrer,
 * seven visitors per body), each call with fresh event and visitor ids: the collector drops
 * duplicate ids, so a repeated body would measure its dedup instead of its pipeline.
 */
export function bodyFactory(perRequest: number): () => string {
  const events = Array.from({ length: perRequest }, (_, i) => ({
    type: 'pageview',
    event_id: `@@-${i}`,
    visitor_id: `v@@-${i % 7}`,
    url: `https://shop.example.be/fietsen/${i}?utm_source=google&utm_medium=cpc&utm_campaign=brand&gclid=Cj0K${i}`,
    referrer: 'https://www.google.be/',
    consent: { analytics: true, marketing: true },
  }));
  const template = JSON.stringify({ events });
  run += 1;
  let n = 0;
  const tag = `r${run}x`;
  return () => template.replaceAll('@@', `${tag}${n++}`);
}
