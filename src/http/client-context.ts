import type { FastifyRequest } from 'fastify';
import type { ClientContext } from '../ingest/index.js';

const COUNTRY_HEADERS = [
  'cf-ipcountry',
  'x-vercel-ip-country',
  'cloudfront-viewer-country',
  'x-country-code',
];

/** The visitor's user agent, IP (as Fastify resolved it, honouring trustProxy) and proxy country. */
export function clientContext(req: FastifyRequest): ClientContext {
  let country = '';
  for (const h of COUNTRY_HEADERS) {
    const v = req.headers[h];
    if (typeof v === 'string' && v) {
      country = v;
      break;
    }
  }
  return { userAgent: req.headers['user-agent'] ?? '', ip: req.ip ?? '', country };
}
