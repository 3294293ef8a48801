import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FieldError } from '../core/schemas/index.js';

/**
 * One error body for the whole API: `{error, message, errors?}` — `error` a stable code for
 * programs, `message` a sentence for people, `errors` the fields at fault.
 */
export function sendError(
  reply: FastifyReply,
  status: number,
  error: string,
  message: string,
  errors?: FieldError[],
) {
  return reply.code(status).send(errors ? { error, message, errors } : { error, message });
}

export const badRequest = (
  reply: FastifyReply,
  errors: FieldError[],
  message = 'The request has invalid fields.',
) => sendError(reply, 400, 'invalid_request', message, errors);

/** Framework errors (malformed JSON, body too large, unknown media type) in the same shape; never a crash. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    const status = err.statusCode ?? 500;
    if (status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return sendError(
        reply,
        413,
        'payload_too_large',
        'The request body is too large; send smaller batches.',
      );
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return sendError(reply, 415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json).');
    if (status >= 400 && status < 500)
      return sendError(reply, status, 'invalid_request', err.message, [
        { field: '(body)', reason: err.message },
      ]);
    req.log.error({ err }, 'request failed');
    return sendError(
      reply,
      500,
      'internal_error',
      'Something went wrong on our side; the request can be retried.',
    );
  });
  app.setNotFoundHandler((req, reply) =>
    sendError(reply, 404, 'not_found', `No route for ${req.method} ${req.url.split('?')[0]}.`),
  );
}
