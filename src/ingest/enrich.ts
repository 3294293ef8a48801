import { isbot } from 'isbot';
import UAParser from 'ua-parser-js';
import { BoundedMap } from './bounded-set.js';
import { truncateIp } from './ip.js';

export interface ClientContext {
  userAgent: string;
  ip: string;
  /** Two-letter country from a trusted proxy header (e.g. `CF-IPCountry`), '' when unknown. */
  country: string;
}

export interface Enrichment {
  device: string;
  browser: string;
  os: string;
  is_bot: 0 | 1;
  ip: string;
  country: string;
}

type Agent = Pick<Enrichment, 'device' | 'browser' | 'os' | 'is_bot'>;

/**
 * Device, browser, OS (ua-parser-js) and bot flag (isbot) from the user agent, cached: a site's
 * traffic repeats a few thousand agents, and parsing is the collector's most expensive step.
 */
export class Enricher {
  private readonly agents = new BoundedMap<string, Agent>(20_000);

  private agent(ua: string): Agent {
    const hit = this.agents.get(ua);
    if (hit) return hit;
    const r = new UAParser(ua).getResult();
    const bot = ua === '' || isbot(ua);
    const type = r.device.type;
    const agent: Agent = {
      device: bot ? 'bot' : type === 'mobile' || type === 'tablet' ? type : type ? 'other' : 'desktop',
      browser: r.browser.name ?? '',
      os: r.os.name ?? '',
      is_bot: bot ? 1 : 0,
    };
    this.agents.set(ua, agent);
    return agent;
  }

  enrich(ctx: ClientContext): Enrichment {
    const country =
      /^[A-Za-z]{2}$/.test(ctx.country) && ctx.country.toUpperCase() !== 'XX'
        ? ctx.country.toUpperCase()
        : '';
    return { ...this.agent(ctx.userAgent), ip: truncateIp(ctx.ip), country };
  }
}
