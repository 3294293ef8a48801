import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { newLinkSchema, wireConversionSchema, wireEventSchema } from '../../core/schemas/index.js';

const toSchema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });

const errorBody = {
  type: 'object',
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, reason: { type: 'string' } } },
    },
  },
};
const batchResult = {
  type: 'object',
  properties: {
    accepted: { type: 'integer' },
    duplicates: { type: 'integer' },
    rejected: {
      type: 'array',
      items: {
        type: 'object',
        properties: { index: { type: 'integer' }, errors: errorBody.properties.errors },
      },
    },
    warnings: { type: 'array', items: { type: 'object' } },
  },
};
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const secured = [{ secretKey: [] }];

/** The API description, built from the same zod schemas that validate requests. */
export function openApiDocument(version: string): object {
  return {
    openapi: '3.1.0',
    info: { title: 'Rendement API', version, description: 'First-party performance-marketing measurement.' },
    components: {
      securitySchemes: {
        secretKey: { type: 'http', scheme: 'bearer', description: 'Secret API key (rdm_sk_…)' },
        writeKey: { type: 'http', scheme: 'bearer', description: 'Public write key (rdm_pk_…), or ?key=' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'rdm_session',
          description:
            'Dashboard session; every /v1 route taking the secret key takes it too, by role. Writes need X-CSRF-Token.',
        },
      },
      schemas: {
        Event: toSchema(wireEventSchema),
        Conversion: toSchema(wireConversionSchema),
        NewLink: toSchema(newLinkSchema),
        Error: errorBody,
        BatchResult: batchResult,
      },
    },
    paths: {
      '/healthz': { get: { summary: 'Liveness', responses: { 200: { description: 'ok' } } } },
      '/v1/events': {
        post: {
          summary: 'Collect a batch of touchpoints',
          security: [{ writeKey: [] }],
          requestBody: json({
            type: 'object',
            properties: {
              events: { type: 'array', maxItems: 1000, items: { $ref: '#/components/schemas/Event' } },
            },
          }),
          responses: {
            202: {
              description: 'Accepted (durably stored); bad items listed by index',
              ...json(batchResult),
            },
            400: { description: 'No valid item', ...json(errorBody) },
            401: { description: 'Unknown write key' },
            413: { description: 'Body larger than 1 MiB' },
          },
        },
      },
      '/v1/conversions': {
        post: {
          summary: 'Send conversions (idempotent on id; refunds update)',
          security: secured,
          requestBody: json({
            type: 'object',
            properties: {
              conversions: {
                type: 'array',
                maxItems: 1000,
                items: { $ref: '#/components/schemas/Conversion' },
              },
            },
          }),
          responses: {
            202: { description: 'Accepted', ...json(batchResult) },
            400: { description: 'No valid item' },
            401: { description: 'Unknown key' },
          },
        },
      },
      '/v1/links': {
        post: {
          summary: 'Create a tracking link',
          security: secured,
          requestBody: json({ $ref: '#/components/schemas/NewLink' }),
          responses: { 201: { description: 'Created' }, 409: { description: 'Slug taken' } },
        },
        get: {
          summary: 'List tracking links',
          security: secured,
          responses: { 200: { description: 'Links' } },
        },
      },
      '/r/{slug}': {
        get: {
          summary: 'Tracking-link redirect (records a click)',
          parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            302: { description: 'To the stored destination' },
            404: { description: 'Unknown slug' },
          },
        },
      },
      '/t.js': {
        get: { summary: 'The tracking snippet', responses: { 200: { description: 'JavaScript' } } },
      },
      '/v1/workspace': {
        get: {
          summary: 'The key’s workspace and its write keys',
          security: secured,
          responses: { 200: { description: 'Workspace' } },
        },
        patch: {
          summary: 'Change settings: base_currency, time_zone, locale, allowed_origins (for the write key)',
          security: secured,
          responses: { 200: { description: 'Workspace' }, 400: { description: 'A bad setting, named' } },
        },
      },
      '/v1/keys': {
        get: {
          summary: 'API keys (prefixes only)',
          security: secured,
          responses: { 200: { description: 'Keys' } },
        },
        post: {
          summary: 'Create a key `{kind: write|secret}`; the key is shown once',
          security: secured,
          responses: { 201: { description: 'Created' } },
        },
      },
      '/v1/keys/{id}': {
        delete: {
          summary: 'Revoke a key (not the last secret key)',
          security: secured,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: { description: 'Revoked' },
            404: { description: 'Unknown' },
            409: { description: 'Last secret key' },
          },
        },
      },
      '/v1/export/events': {
        get: {
          summary: 'Raw data export (NDJSON: touchpoints then conversions, `kind` field)',
          security: secured,
          parameters: ['from', 'to'].map((name) => ({
            name,
            in: 'query',
            required: true,
            schema: { type: 'string', format: 'date' },
          })),
          responses: {
            200: { description: 'NDJSON', content: { 'application/x-ndjson': {} } },
            400: { description: 'Bad dates' },
          },
        },
      },
      ...costPaths(secured),
      ...userPaths(),
    },
  };
}

/** The cost routes (routes/costs.ts). */
function costPaths(security: unknown) {
  const op = (summary: string) => ({ summary, security, responses: { 200: { description: 'OK' } } });
  return {
    '/v1/costs/import': {
      post: {
        ...op('Import a cost file (raw body: CSV, TSV or XLSX); 400 lists each bad cell'),
        parameters: ['platform', 'currency', 'file_name', 'dry_run', 'skip_bad_rows'].map((name) => ({
          name,
          in: 'query',
          schema: { type: 'string' },
        })),
      },
    },
    '/v1/costs': {
      post: op('Cost lines (non-media costs; spread over date ranges; idempotent on id)'),
      get: op('Costs in the base currency, with missing FX rates reported'),
    },
    '/v1/costs/imports': { get: op('Cost-file imports, newest first') },
    '/v1/costs/imports/{id}/undo': { post: op('Undo an import') },
    '/v1/fx-rates': { put: op('Set dated FX rates'), get: op('List FX rates') },
    '/v1/costs/unmatched': { get: op('Costs without tracked traffic, paid traffic without costs') },
    '/v1/costs/campaign-map': { post: op('Map a cost campaign to a utm_campaign'), get: op('List mappings') },
    '/v1/attribution': {
      get: op(
        'Attribution models side by side: from, to, model=all|NAME[,NAME], by=channel|source|medium|campaign|partner, order, half_life, first_share, last_share, collapse, bootstrap (95 % intervals on the Markov and Shapley shares), seed',
      ),
    },
    '/v1/attribution/paths': {
      get: op(
        'Top conversion paths, path-length and time-to-conversion distributions, assisted vs last-click',
      ),
    },
    '/v1/export/credit': {
      get: op(
        'Transaction-level attribution (NDJSON or format=csv): each conversion touch by touch with its weight under each model; from, to, model (default last_non_direct), by, order, half_life, first_share, last_share',
      ),
    },
    '/v1/goals': { get: op('Goals with pacing as of today'), post: op('Create a goal') },
    '/v1/goals/{id}': {
      get: op('A goal with pacing'),
      patch: op('Change a goal'),
      delete: op('Delete a goal'),
    },
    '/v1/experiments': { get: op('Experiments of the workspace'), post: op('Define an experiment') },
    '/v1/experiments/{id}': {
      get: op('An experiment'),
      patch: op('Change an experiment'),
      delete: op('Delete an experiment'),
    },
    '/v1/experiments/{id}/results': {
      get: op(
        'Results from exposures and conversions: lifts, p-values, sequential, Bayesian, CUPED, SRM breakdown, verdicts',
      ),
    },
    '/v1/experiments/analyze': { post: op('Analyze aggregate results per variant') },
    '/v1/experiments/plan': { get: op('Sample size per variant, duration and reachable MDE') },
    '/v1/reports/fatigue': {
      get: op('Creative fatigue per ad: trend test of CTR or CVR over the days, from, to'),
    },
    '/v1/reports/cohorts': {
      get: op(
        'Customer cohorts by acquisition month (by=channel: first-touch channel): CLV, CAC, LTV:CAC, payback',
      ),
    },
    '/v1/reports/kpis': {
      get: op(
        'KPIs by dimensions and period: from, to (local dates, inclusive), by, grain, metrics, model, compare, filter=dimension:value',
      ),
    },
  };
}

/** Sign-in, sessions, members and invites (routes/users.ts). */
function userPaths() {
  const op = (summary: string, security: unknown[] = [{ session: [] }, { secretKey: [] }]) => ({
    summary,
    security,
    responses: { 200: { description: 'OK' } },
  });
  return {
    '/v1/auth/sign-in': {
      post: op(
        'Sign in with {email, password}: sets the session cookie; 401 when wrong, 429 when rate-limited',
        [],
      ),
    },
    '/v1/auth/sign-out': { post: op('End the session', [{ session: [] }]) },
    '/v1/auth/me': {
      get: op('The signed-in user, their workspaces and roles, and the CSRF token', [{ session: [] }]),
    },
    '/v1/auth/accept-invite': { post: op('Accept an invite {token, password, name?} and sign in', []) },
    '/v1/members': { get: op('Members of the workspace with their roles (and open invites, for admins)') },
    '/v1/invites': { post: op('Invite {email, role} (admins and owners): answers the link to send') },
  };
}

export function openApiRoute(server: FastifyInstance, version: string): void {
  const doc = openApiDocument(version);
  server.get('/v1/openapi.json', async () => doc);
}
