import { normaliseUtm } from '../../core/url.js';
import { dateRange } from '../../core/date-range.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { COST_PLATFORMS, type CostPlatform } from '../../imports/types.js';
import { isCurrencyCode } from '../../core/money.js';
import {
  importCostBytes,
  setFxRates,
  undoImport,
  unmatchedCosts,
  writeCostLines,
  type ImportReport,
} from '../../services/costs/index.js';
import type { Workspace } from '../../store/ports.js';
import { requireAccess } from '../auth.js';
import type { HttpContext } from '../context.js';
import { badRequest, sendError } from '../errors.js';

/** Cost files arrive raw; large exports (a year of ads by day) run to tens of megabytes. */
export const COST_FILE_LIMIT = 50 * 1024 * 1024;
const FILE_TYPES = [
  'text/csv',
  'text/tab-separated-values',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

type Q = Record<string, string | undefined>;

const flag = (v: string | undefined): boolean | null =>
  v === undefined || v === '' || v === 'false' || v === '0' ? false : v === 'true' || v === '1' ? true : null;

/** The wire form of an import's errors: the API's `{field, reason}` plus where in the file. */
export function importErrorBody(r: ImportReport) {
  return {
    error: 'invalid_file',
    message: r.message,
    errors: r.errors.map((e) => ({
      field: e.line ? `line ${e.line}${e.column ? `, ${e.column}` : ''}` : e.file,
      ...e,
    })),
    report: r,
  };
}

export function costRoutes(server: FastifyInstance, ctx: HttpContext): void {
  /** The secret key's workspace and the key's id (recorded as who imported). */
  async function auth(
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ ws: Workspace; by: string } | null> {
    return requireAccess(ctx.keys, req, reply);
  }
  const stores = { app: ctx.app, events: ctx.events };

  void server.register(async (scope) => {
    scope.addContentTypeParser(
      FILE_TYPES,
      { parseAs: 'buffer', bodyLimit: COST_FILE_LIMIT },
      (_req, body, done) => done(null, body),
    );

    scope.post(
      '/v1/costs/import',
      { bodyLimit: COST_FILE_LIMIT },
      async (req: FastifyRequest<{ Querystring: Q }>, reply) => {
        const who = await auth(req, reply);
        if (!who) return reply;
        const q = req.query;
        const errors = [];
        const platform = q.platform ?? 'auto';
        if (platform !== 'auto' && !(COST_PLATFORMS as readonly string[]).includes(platform))
          errors.push({ field: 'platform', reason: `must be auto or one of ${COST_PLATFORMS.join(', ')}` });
        const currency = q.currency?.trim().toUpperCase() || undefined;
        if (currency && !isCurrencyCode(currency))
          errors.push({ field: 'currency', reason: 'must be an ISO 4217 currency code such as EUR' });
        const dryRun = flag(q.dry_run);
        const skip = flag(q.skip_bad_rows);
        if (dryRun === null) errors.push({ field: 'dry_run', reason: 'must be true or false' });
        if (skip === null) errors.push({ field: 'skip_bad_rows', reason: 'must be true or false' });
        if (!Buffer.isBuffer(req.body) || req.body.length === 0)
          errors.push({
            field: '(body)',
            reason: `send the file itself as the body, with Content-Type ${FILE_TYPES.join(', ')}`,
          });
        if (errors.length) return badRequest(reply, errors);
        const fileName = (q.file_name ?? '').trim() || 'upload';
        const report = await importCostBytes(stores, who.ws, req.body as Buffer, {
          fileName,
          platform: platform as CostPlatform | 'auto',
          currency,
          dryRun: dryRun ?? false,
          skipBadRows: skip ?? false,
          by: who.by,
        });
        if (report.status === 'rejected') return reply.code(400).send(importErrorBody(report));
        return reply.code(report.status === 'imported' ? 201 : 200).send(report);
      },
    );
  });

  server.post('/v1/costs', async (req, reply) => {
    const who = await auth(req, reply);
    if (!who) return reply;
    const result = await writeCostLines(ctx.events, who.ws, req.body);
    if ('envelope' in result) return badRequest(reply, result.envelope);
    if (result.accepted === 0)
      return reply
        .code(400)
        .send({ error: 'invalid_request', message: 'No cost line in the batch was valid.', ...result });
    return reply.code(202).send(result);
  });

  server.get('/v1/costs', async (req: FastifyRequest<{ Querystring: Q }>, reply) => {
    const who = await auth(req, reply);
    if (!who) return reply;
    const range = dateRange(req.query, who.ws.time_zone);
    if ('errors' in range) return badRequest(reply, range.errors);
    const undone = await ctx.app.undoneCostImportIds(who.ws.id);
    return ctx.events.costsInBase(who.ws.id, who.ws.base_currency, {
      from: req.query.from,
      to: req.query.to,
      undoneImports: undone,
    });
  });

  server.get('/v1/costs/imports', async (req, reply) => {
    const who = await auth(req, reply);
    if (!who) return reply;
    return { imports: await ctx.app.listCostImports(who.ws.id) };
  });

  server.post(
    '/v1/costs/imports/:id/undo',
    async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const who = await auth(req, reply);
      if (!who) return reply;
      const rec = await undoImport(ctx.app, who.ws.id, req.params.id, who.by);
      if (!rec)
        return sendError(reply, 404, 'not_found', `No import "${req.params.id}" in this workspace.`, [
          { field: 'id', reason: 'is not an import of this workspace' },
        ]);
      return { import: rec };
    },
  );

  server.put('/v1/fx-rates', async (req, reply) => {
    const who = await auth(req, reply);
    if (!who) return reply;
    const result = await setFxRates(ctx.events, who.ws, req.body);
    if ('envelope' in result) return badRequest(reply, result.envelope);
    if (result.accepted === 0 && result.rejected.length)
      return reply
        .code(400)
        .send({ error: 'invalid_request', message: 'No rate in the batch was valid.', ...result });
    return result;
  });

  server.get('/v1/fx-rates', async (req, reply) => {
    const who = await auth(req, reply);
    if (!who) return reply;
    return { base_currency: who.ws.base_currency, rates: await ctx.events.listFxRates(who.ws.id) };
  });

  server.get('/v1/costs/unmatched', async (req: FastifyRequest<{ Querystring: Q }>, reply) => {
    const who = await auth(req, reply);
    if (!who) return reply;
    const range = dateRange(req.query, who.ws.time_zone);
    if ('errors' in range) return badRequest(reply, range.errors);
    await ctx.collector.flush();
    return unmatchedCosts(stores, who.ws, {
      from: req.query.from!,
      to: req.query.to!,
      fromMs: range.from,
      toMs: range.to,
    });
  });

  server.post('/v1/costs/campaign-map', async (req, reply) => {
    const who = await auth(req, reply);
    if (!who) return reply;
    const b = (req.body ?? {}) as { cost_campaign?: unknown; utm_campaign?: unknown };
    const errors = [];
    for (const f of ['cost_campaign', 'utm_campaign'] as const) {
      const v = b[f];
      if (typeof v !== 'string' || !v.trim() || v.length > 256)
        errors.push({ field: f, reason: 'is required (a campaign name of at most 256 characters)' });
    }
    if (errors.length) return badRequest(reply, errors);
    const m = await ctx.app.setCampaignMapping(
      who.ws.id,
      normaliseUtm(b.cost_campaign as string),
      (b.utm_campaign as string).trim(),
    );
    return reply.code(201).send({ mapping: m });
  });

  server.get('/v1/costs/campaign-map', async (req, reply) => {
    const who = await auth(req, reply);
    if (!who) return reply;
    return { mappings: await ctx.app.listCampaignMappings(who.ws.id) };
  });
}
