import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listGoalsWithPacing, paceStoredGoal, validateGoal } from '../../services/reports/goals.js';
import { requireSecretKey } from '../auth.js';
import type { HttpContext } from '../context.js';
import { badRequest, sendError } from '../errors.js';

type WithId = FastifyRequest<{ Params: { id: string } }>;

/** SMART goals of the key's workspace, each answered with its pacing as of today. */
export function goalRoutes(server: FastifyInstance, ctx: HttpContext): void {
  const stores = { app: ctx.app, events: ctx.events };
  const notFound = (reply: Parameters<typeof sendError>[0], id: string) =>
    sendError(reply, 404, 'not_found', `No goal "${id}" in this workspace.`);

  server.get('/v1/goals', async (req, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply);
    if (!ws) return reply;
    await ctx.collector.flush();
    return { goals: await listGoalsWithPacing(stores, ws) };
  });

  server.post('/v1/goals', async (req, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply);
    if (!ws) return reply;
    const v = validateGoal(req.body, false);
    if ('errors' in v) return badRequest(reply, v.errors, 'The goal has invalid fields.');
    if (!('goal' in v)) return reply;
    const goal = await ctx.app.createGoal(ws.id, v.goal);
    return reply.code(201).send(await paceStoredGoal(stores, ws, goal));
  });

  server.get('/v1/goals/:id', async (req: WithId, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply);
    if (!ws) return reply;
    const goal = await ctx.app.getGoal(ws.id, req.params.id);
    if (!goal) return notFound(reply, req.params.id);
    await ctx.collector.flush();
    return paceStoredGoal(stores, ws, goal);
  });

  server.patch('/v1/goals/:id', async (req: WithId, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply);
    if (!ws) return reply;
    const current = await ctx.app.getGoal(ws.id, req.params.id);
    if (!current) return notFound(reply, req.params.id);
    const v = validateGoal(req.body, true, current);
    if ('errors' in v) return badRequest(reply, v.errors, 'The goal has invalid fields.');
    if (!('patch' in v)) return reply;
    const goal = await ctx.app.updateGoal(ws.id, req.params.id, v.patch);
    if (!goal) return notFound(reply, req.params.id);
    return paceStoredGoal(stores, ws, goal);
  });

  server.delete('/v1/goals/:id', async (req: WithId, reply) => {
    const ws = await requireSecretKey(ctx.keys, req, reply);
    if (!ws) return reply;
    if (!(await ctx.app.deleteGoal(ws.id, req.params.id))) return notFound(reply, req.params.id);
    return reply.code(204).send();
  });
}
