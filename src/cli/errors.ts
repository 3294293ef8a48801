/** An error the CLI prints as one readable line (no stack) and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    readonly details: Array<{ field: string; reason: string }> = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Turn an API error body into a CliError that names each bad field. */
export function apiError(status: number, body: unknown): CliError {
  const b = (body ?? {}) as { message?: string; errors?: Array<{ field: string; reason: string }> };
  return new CliError(b.message ?? `The server answered ${status}.`, status === 401 ? 3 : 1, b.errors ?? []);
}
