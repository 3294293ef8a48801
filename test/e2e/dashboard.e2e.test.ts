/**
 * The dashboard in headless Chromium on demo data: sign-in (and its refusals), the overview's KPIs
 * and charts, languages and number formats, a tracking link made in the UI that redirects, the
 * viewer role refused by both UI and API, an expired session. Screenshots of every page in every
 * language go to test-results/dashboard/ (git-ignored).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { buildDashboard, startDashboardServer, type DashboardServer } from './dashboard-server.js';

const require = createRequire(import.meta.url);
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'costs');
const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'dashboard');
let srv: DashboardServer;
let browser: Browser;
let owner: BrowserContext;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  buildDashboard();
  srv = await startDashboardServer();
  browser = await launchChromium();
  owner = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
  page = await owner.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

async function signIn(p: Page, email: string, password: string) {
  await p.getByLabel(/e-mail/i).fill(email);
  await p.getByLabel(/^password$/i).fill(password);
  await p.getByRole('button', { name: 'Sign in' }).click();
}

/** Save a screenshot, and fail when some card's content runs past its edge (a clipped column, an
 * amount too wide for its KPI card): what a look at the screenshot would catch, in every language. */
async function shoot(p: Page, name: string) {
  await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const overflowing = await p.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.card, .kpi'))
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map(
        (el) =>
          `${el.querySelector('h2, .label')?.textContent ?? el.className}: ${el.scrollWidth} > ${el.clientWidth}`,
      ),
  );
  expect(overflowing, name).toEqual([]);
}

const PAGES = ['overview', 'channels', 'attribution', 'experiments', 'goals', 'links', 'costs'];

/**
 * In a context of its own (`options`), sign in and call `check` on every page in each of `langs`;
 * `atSignIn` sees the sign-in page first.
 */
async function eachPage(
  options: Parameters<Browser['newContext']>[0],
  langs: string[],
  check: (p: Page, name: string, lang: string) => Promise<void>,
  atSignIn?: (p: Page) => Promise<void>,
) {
  const ctx = await browser.newContext({ locale: 'en-GB', ...options });
  try {
    const p = await ctx.newPage();
    await p.goto(`${srv.base}/`);
    await atSignIn?.(p);
    await signIn(p, srv.user.email, srv.user.password);
    await p.waitForSelector('[data-testid=kpi-revenue]');
    for (const lang of langs) {
      await p.getByRole('button', { name: lang, exact: true }).click();
      for (const name of PAGES) {
        await p.goto(`${srv.base}/${name}`);
        await p.waitForLoadState('networkidle');
        await check(p, name, lang);
      }
    }
  } finally {
    await ctx.close();
  }
}

describe('dashboard', () => {
  it('refuses a wrong password without saying whether the user exists, then signs in', async () => {
    await page.goto(`${srv.base}/`);
    await shoot(page, 'sign-in-en');
    await signIn(page, srv.user.email, 'not the password');
    const wrong = await page.getByRole('alert').innerText();
    expect(wrong).toContain('The e-mail address or the password is wrong.');
    await signIn(page, 'nobody@example.be', 'not the password');
    expect(await page.getByRole('alert').innerText()).toBe(wrong);
    await signIn(page, srv.user.email, srv.user.password);
    await page.waitForSelector('[data-testid=kpi-revenue]');
  });

  it('shows non-empty KPI cards with their change and draws the charts', async () => {
    await page.goto(`${srv.base}/overview`);
    for (const k of ['cost', 'revenue', 'roas', 'mer', 'cpa', 'conversions', 'cvr']) {
      const card = page.getByTestId(`kpi-${k}`);
      await card.waitFor();
      const value = await card.locator('.value').innerText();
      expect(value, k).toMatch(/\d/);
    }
    expect(await page.getByTestId('kpi-cost').locator('.delta').innerText()).toMatch(/vs previous period/);
    // Two ECharts canvases (trend, channels), each drawn with non-blank pixels.
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=chart] canvas').length >= 2,
      null,
      {
        timeout: 30_000,
      },
    );
    const inked = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLCanvasElement>('[data-testid=chart] canvas')).map((c) => {
        const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if ((d[i] ?? 0) > 0) n++;
        return n;
      }),
    );
    expect(inked.every((n) => n > 1000)).toBe(true);
  });

  it('switches to Dutch and French: labels and number formats change', async () => {
    const spend = () => page.getByTestId('kpi-cost').locator('.value').innerText();
    const label = () => page.getByTestId('kpi-revenue').locator('.label').innerText();
    expect(await label()).toBe('Revenue');
    expect(await spend()).toMatch(/^€\d{1,3}(,\d{3})*\.\d{2}$/); // €21,560.00
    await page.getByRole('button', { name: 'NL', exact: true }).click();
    expect(await label()).toBe('Omzet');
    expect(await spend()).toMatch(/^€\s\d{1,3}(\.\d{3})*,\d{2}$/); // € 21.560,00
    await expect.poll(() => page.getByRole('link', { name: 'Kosten' }).count()).toBe(1);
    await page.getByRole('button', { name: 'FR', exact: true }).click();
    expect(await label()).toBe("Chiffre d'affaires");
    expect(await spend()).toMatch(/^\d{1,3}(\s\d{3})*,\d{2}\s€$/); // 21 560,00 € (narrow no-break spaces)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.getByRole('button', { name: 'EN', exact: true }).click();
  });

  it('keeps the page state in the URL (shareable links)', async () => {
    await page.goto(`${srv.base}/channels?from=2026-01-01&to=2026-01-31&sort=revenue&compare=none`);
    expect(await page.getByLabel('From').inputValue()).toBe('2026-01-01');
    expect(await page.getByLabel('Compare with').inputValue()).toBe('none');
    await page.getByRole('button', { name: '30 days' }).click();
    expect(new URL(page.url()).searchParams.get('to')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.getByTestId('kpi-table').waitFor();
    await page.getByRole('button', { name: 'Paid Search' }).click();
    expect(new URL(page.url()).searchParams.get('channel')).toBe('Paid Search');
    await expect.poll(() => page.getByRole('heading', { name: 'Channels & campaigns' }).count()).toBe(1);
  });

  it('attribution: models side by side and conversion paths, non-empty in EN, NL and FR', async () => {
    const expected = {
      EN: { h1: 'Attribution', paths: 'Top conversion paths', model: 'Last click', cr: /conversion rate/ },
      NL: {
        h1: 'Attributie',
        paths: 'Belangrijkste conversiepaden',
        model: 'Laatste klik',
        cr: /conversieratio/,
      },
      FR: {
        h1: 'Attribution',
        paths: 'Principaux chemins de conversion',
        model: 'Dernier clic',
        cr: /taux de conversion/,
      },
    };
    for (const [lang, want] of Object.entries(expected)) {
      await page.goto(`${srv.base}/attribution`);
      await page.getByRole('button', { name: lang, exact: true }).click();
      await page.getByRole('heading', { name: want.h1, level: 1 }).waitFor();
      const table = page.getByTestId('attribution-table');
      await table.waitFor({ timeout: 60_000 });
      // Eight models as columns, each with a figure in at least one row.
      const heads = await table.locator('thead th').allInnerTexts();
      expect(heads).toHaveLength(2 + 8);
      expect(heads.join('|')).toContain(want.model);
      const rows = await table.locator('tbody tr').count();
      expect(rows).toBeGreaterThan(1);
      for (let col = 3; col <= 10; col++) {
        const cells = await table.locator(`tbody tr td:nth-child(${col})`).allInnerTexts();
        expect(
          cells.some((c) => /[1-9]/.test(c)),
          `column ${col}`,
        ).toBe(true);
      }
      const paths = page.getByTestId('top-paths');
      await paths.waitFor({ timeout: 60_000 });
      expect(await page.getByRole('heading', { name: want.paths }).count()).toBe(1);
      expect(await paths.locator('li').count()).toBeGreaterThan(0);
      expect(await paths.locator('.chip').count()).toBeGreaterThan(0);
      expect(await paths.locator('li').first().innerText()).toMatch(want.cr);
      expect(await page.getByTestId('assisted-table').locator('tbody tr').count()).toBeGreaterThan(0);
      // Four charts (models, path length, time to conversion, assisted), all drawn.
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=chart] canvas').length >= 4);
      await page.waitForLoadState('networkidle');
      await shoot(page, `attribution-${lang.toLowerCase()}`);
    }
    // Numbers in the Belgian French format: "1 234,5" with narrow no-break spaces, a decimal comma.
    const fr = await page.getByTestId('attribution-table').locator('tbody tr td').allInnerTexts();
    expect(fr.some((c) => /^\d+,\d$/.test(c) || /\u202f/.test(c))).toBe(true);
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    // The pickers live in the URL: by source, two models, value; the table follows.
    await page.goto(`${srv.base}/attribution?by=source&models=first_click,markov&metric=value`);
    const table = page.getByTestId('attribution-table');
    await table.waitFor({ timeout: 60_000 });
    expect(await table.locator('thead th').allInnerTexts()).toEqual([
      expect.stringContaining('Source'),
      expect.stringContaining('Spend'),
      expect.stringContaining('First click'),
      expect.stringContaining('Data-driven (Markov)'),
    ]);
    expect(await page.getByRole('combobox', { name: /^Show/ }).first().inputValue()).toBe('value');
    expect((await table.locator('tbody tr td').nth(1).innerText()).startsWith('€')).toBe(true);
    // The checkbox is controlled by the URL, which the router updates a moment later: click, then
    // wait for the URL (Playwright's check() would see the box unchanged and give up).
    await page.getByRole('checkbox', { name: 'Linear' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('models')).toBe('first_click,linear,markov');
    // Repeats collapsed: the choice lives in the URL and the reports follow it.
    await page.getByRole('checkbox', { name: 'Count repeated touches once' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('collapse')).toBe('true');
    await table.waitFor();
    // The per-conversion credit of the shown models, as a CSV file.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download credit per conversion (CSV)' }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/^rendement-credit-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await file.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toMatch(/^model,conversion_id,conversion_ts,/);
    expect(new Set(csv.slice(1).map((l) => l.split(',')[0]))).toEqual(
      new Set(['first_click', 'linear', 'markov']),
    );
  });

  it('experiments: the list, results with intervals and a verdict, and the planner, in EN, NL and FR', async () => {
    // A seeded A/B yesterday: 300 persons per variant, 30 vs 60 buyers (10 % vs 20 %) — a lift
    // far beyond chance (two-proportion z ≈ 3.4), so the verdict names the winner.
    const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const inject = async (url: string, key: string, body: unknown) => {
      const res = await srv.rt.server.inject({
        method: 'POST',
        url,
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
        },
        payload: JSON.stringify(body),
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return JSON.parse(res.body) as Record<string, unknown>;
    };
    const people = (v: string) => Array.from({ length: 300 }, (_, i) => `xp-${v}-${i}`);
    const exposures = ['control', 'photo'].flatMap((v) =>
      people(v).map((p) => ({
        type: 'pageview',
        event_id: `xp-${p}`,
        visitor_id: p,
        timestamp: `${day}T09:00:00Z`,
        url: 'https://demo.rendement.example/',
        experiment: 'hero-e2e',
        variant: v,
      })),
    );
    for (let i = 0; i < exposures.length; i += 200)
      await inject('/v1/events', srv.keys.write, { events: exposures.slice(i, i + 200) });
    const buyers = [...people('control').slice(0, 30), ...people('photo').slice(0, 60)];
    await inject('/v1/conversions', srv.keys.secret, {
      conversions: buyers.map((p) => ({
        id: `xo-${p}`,
        type: 'purchase',
        visitor_id: p,
        timestamp: `${day}T15:00:00Z`,
        value: 50,
        currency: 'EUR',
      })),
    });
    await inject('/v1/experiments', srv.keys.secret, {
      name: 'Hero image',
      key: 'hero-e2e',
      hypothesis: 'A product photo sells better than the lifestyle shot',
      variants: [
        { name: 'control', allocation: 0.5 },
        { name: 'photo', allocation: 0.5 },
      ],
      primary_metric: 'conversion_rate',
      secondary_metrics: ['revenue_per_visitor'],
      from: day,
      status: 'running',
    });
    const expected = {
      EN: {
        h1: 'Experiments',
        rate: 'Conversion rate',
        per: /31,234 persons per variant/,
        verdict: /raises/,
      },
      NL: {
        h1: 'Experimenten',
        rate: 'Conversieratio',
        per: /31\.234 personen per variant/,
        verdict: /verhoogt/,
      },
      FR: {
        h1: 'Expériences',
        rate: 'Taux de conversion',
        per: /31\s234 personnes par variante/,
        verdict: /augmente/,
      },
    };
    for (const [lang, want] of Object.entries(expected)) {
      await page.goto(`${srv.base}/experiments`);
      await page.getByRole('button', { name: lang, exact: true }).click();
      await page.getByRole('heading', { name: want.h1, level: 1 }).waitFor();
      await page.getByTestId('experiments-table').getByText('Hero image').waitFor();
      const rate = page.getByTestId('results-conversion_rate');
      await rate.waitFor({ timeout: 60_000 });
      expect(await page.getByRole('heading', { name: want.rate }).count()).toBeGreaterThan(0);
      const rows = await rate.locator('tbody tr').allInnerTexts();
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatch(/300/);
      expect(rows[1]).toMatch(/20[.,]00\s?%/); // photo: 60 / 300
      expect(await rate.locator('svg.liftbar.up').count()).toBe(1); // the lift interval is above zero
      // The verdict speaks the language on screen, whatever the workspace's.
      await expect.poll(() => page.getByTestId('verdicts').innerText()).toMatch(want.verdict);
      // The planner: 5 % baseline, 10 % relative lift, α 0.05, power 0.8, two variants →
      // 31,234 per variant (Fleiss eq. 4.14 without continuity correction; scipy: 31233.44, rounded up).
      const planner = page.getByTestId('planner');
      const inputs = planner.locator('input');
      await inputs.nth(0).fill('5');
      await inputs.nth(1).fill('10');
      await inputs.nth(5).fill('1000');
      await planner.locator('button[type=submit]').click();
      const plan = page.getByTestId('plan');
      await plan.waitFor();
      expect(await plan.innerText()).toMatch(want.per);
      expect(await plan.innerText()).toMatch(/63/); // ⌈62,468 / 1,000⌉ = 63 days
      await shoot(page, `experiments-${lang.toLowerCase()}`);
    }
    await page.getByRole('button', { name: 'EN', exact: true }).click();
  });

  it('adds a goal in the UI and shows its pacing', async () => {
    await page.goto(`${srv.base}/goals`);
    await page.getByText('No goals yet.', { exact: false }).waitFor();
    await page.getByLabel('Name').fill('Revenue this month');
    await page.getByLabel('KPI').selectOption('revenue');
    await page.getByLabel('Target').fill('50000');
    await page.getByRole('button', { name: 'Add goal' }).click();
    const goal = page.getByTestId('goal');
    await goal.waitFor();
    const text = await goal.innerText();
    expect(text).toMatch(/Revenue this month/);
    expect(text).toMatch(/Revenue ≥ €50,000\.00/);
    expect(text).toMatch(/On track|At risk|Off track|Achieved|Missed|Not started/);
    expect(text).toMatch(/So far: €[\d,]+\.\d{2}/);
    expect(await goal.getByRole('img').getAttribute('aria-label')).toMatch(/of €50,000\.00/);
  });

  it('saves a screenshot of every page in every language', async () => {
    for (const lang of ['EN', 'NL', 'FR']) {
      await page.goto(`${srv.base}/overview`);
      await page.getByRole('button', { name: lang, exact: true }).click();
      for (const p of ['overview', 'channels', 'goals', 'links', 'costs']) {
        await page.goto(`${srv.base}/${p}`);
        await page.waitForLoadState('networkidle');
        if (p === 'overview')
          await page.waitForFunction(
            () => document.querySelectorAll('[data-testid=chart] canvas').length >= 2,
          );
        await shoot(page, `${p}-${lang.toLowerCase()}`);
      }
    }
    await page.getByRole('button', { name: 'EN', exact: true }).click();
  });

  it('on a phone (390 px), no page is wider than the screen and no card overflows, in NL and FR', async () => {
    await eachPage({ viewport: { width: 390, height: 800 } }, ['NL', 'FR'], async (p, name, lang) => {
      const wider = await p.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(wider, `${name} ${lang}: page wider than the screen by`).toBe(0);
      await shoot(p, `phone-${name}-${lang.toLowerCase()}`);
    });
  });

  it('every page passes the axe-core WCAG 2 A/AA rules, in EN and NL', async () => {
    const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const violations = async (p: Page, name: string) => {
      await p.addScriptTag({ content: axe });
      const found = await p.evaluate(async () => {
        type AxeResults = { violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> };
        const { axe } = window as unknown as {
          axe: { run: (d: Document, o: object) => Promise<AxeResults> };
        };
        const r = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] });
        return r.violations.map(
          (v) =>
            `${v.id}: ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')}`,
        );
      });
      expect(found, name).toEqual([]);
    };
    // axe is injected as an inline script, which the dashboard's CSP forbids: bypassed here only.
    await eachPage(
      { viewport: { width: 1366, height: 900 }, bypassCSP: true },
      ['EN', 'NL'],
      (p, name, lang) => violations(p, `${name} ${lang}`),
      (p) => violations(p, 'sign-in'),
    );
  });

  it('creates a tracking link in the UI that redirects with its UTM tags and a click id', async () => {
    await page.goto(`${srv.base}/links`);
    await page.getByLabel('Destination URL').fill('https://shop.example.be/zomer?ref=e2e');
    await page.getByLabel('Short name').fill('e2e-zomer');
    await page.getByLabel('Source').fill('instagram');
    await page.getByLabel('Medium').fill('influencer');
    await page.getByLabel('Campaign').fill('zomer');
    await page.getByRole('button', { name: 'Create link' }).click();
    const url = await page.getByTestId('new-link-url').innerText();
    expect(url).toBe(`${srv.base}/r/e2e-zomer`);
    await expect.poll(() => page.getByRole('link', { name: 'e2e-zomer' }).count()).toBe(1);
    const res = await page.request.get(url, { maxRedirects: 0 });
    expect(res.status()).toBe(302);
    const to = new URL(res.headers().location ?? '');
    expect(to.origin + to.pathname).toBe('https://shop.example.be/zomer');
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      ref: 'e2e',
      utm_source: 'instagram',
      utm_medium: 'influencer',
      utm_campaign: 'zomer',
      rdm_click: expect.stringMatching(/^c_/),
    });
  });

  it('imports a cost file in the UI, shows it in the history, lists bad rows, and undoes it', async () => {
    await page.goto(`${srv.base}/costs?from=2026-03-01&to=2026-03-02`);
    await page.getByText('No costs in this period.', { exact: false }).waitFor();
    await page.getByLabel('File', { exact: true }).setInputFiles(join(FIXTURES, 'bad-cells.csv'));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const bad = await page.getByTestId('import-report').innerText();
    expect(bad).toMatch(/Not imported/);
    expect(bad).toMatch(/Line 3/);

    await page.getByLabel('File', { exact: true }).setInputFiles(join(FIXTURES, 'google-ads-nl.csv'));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    expect(await page.getByTestId('import-report').innerText()).toMatch(/^Imported/);
    await page.getByRole('cell', { name: 'google-ads-nl.csv' }).waitFor();
    await expect.poll(() => page.getByTestId('spend-total').count()).toBe(1);
    const total = await page.getByTestId('spend-total').innerText();
    expect(total).toMatch(/^€[\d,]+\.\d{2}$/);
    await shoot(page, 'costs-imported-en');

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText(/undone/).waitFor();
    await page.getByText('No costs in this period.', { exact: false }).waitFor();
  });

  it('a viewer (invited in the UI) sees everything and can change nothing: UI and API refuse', async () => {
    await page.goto(`${srv.base}/links`);
    await page.getByRole('textbox', { name: 'E-mail address' }).fill('kijker@fietsen.be');
    await page.getByLabel('Role').selectOption('viewer');
    await page.getByRole('button', { name: 'Invite' }).click();
    const inviteUrl = await page.getByTestId('invite-url').innerText();

    const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'nl-BE' });
    const viewer = await ctx.newPage();
    await viewer.goto(inviteUrl);
    await viewer.getByLabel('Wachtwoord').fill('kijken-niet-aankomen');
    await viewer.getByRole('button', { name: 'Lid worden' }).click();
    await viewer.getByTestId('kpi-revenue').waitFor();
    await expect.poll(() => viewer.getByText('Je hebt de rol kijker').count()).toBe(1);

    await viewer.goto(`${srv.base}/links`);
    await viewer.getByRole('heading', { name: 'Trackinglinks' }).waitFor();
    expect(await viewer.getByRole('button', { name: 'Link maken' }).isDisabled()).toBe(true);
    expect(await viewer.getByLabel('Bestemmings-URL').isDisabled()).toBe(true);
    expect(await viewer.getByRole('button', { name: 'Nieuwe geheime sleutel' }).count()).toBe(0);
    await shoot(viewer, 'links-viewer-nl');
    await viewer.goto(`${srv.base}/costs`);
    expect(await viewer.getByRole('button', { name: 'Importeren' }).isDisabled()).toBe(true);
    await viewer.goto(`${srv.base}/goals`);
    await viewer.getByTestId('goal').waitFor();
    expect(await viewer.getByRole('button', { name: 'Doel toevoegen' }).isDisabled()).toBe(true);
    expect(await viewer.getByRole('button', { name: 'Verwijderen' }).count()).toBe(0);

    // The API refuses too, even with a valid CSRF token taken from the viewer's own session.
    const refused = await viewer.evaluate(async () => {
      const me = await (await fetch('/v1/auth/me')).json();
      const post = (path: string, body: unknown) =>
        fetch(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf_token },
          body: JSON.stringify(body),
        }).then(async (r) => ({ status: r.status, body: await r.json() }));
      return [
        await post('/v1/links', { destination: 'https://shop.example.be/' }),
        await post('/v1/keys', { kind: 'secret' }),
        await post('/v1/invites', { email: 'x@fietsen.be', role: 'viewer' }),
        await post('/v1/goals', {
          name: 'x',
          kpi: 'revenue',
          target: 1,
          from: '2026-01-01',
          to: '2026-01-31',
        }),
      ];
    });
    for (const r of refused) expect(r).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    await ctx.close();
  });

  it('says so when the session has expired', async () => {
    const user = await srv.rt.app.findUserByEmail(srv.user.email);
    const { token } = await srv.rt.app.createSession(user!.id, new Date(Date.now() - 60_000).toISOString());
    const ctx = await browser.newContext({ locale: 'fr-BE' });
    await ctx.addCookies([{ name: 'rdm_session', value: token, url: srv.base }]);
    const p = await ctx.newPage();
    await p.goto(`${srv.base}/overview`);
    await p.getByText('Votre session a expiré. Reconnectez-vous.').waitFor();
    await shoot(p, 'session-expired-fr');
    await ctx.close();
  });
});
