/**
 * Typed errors of the stores, so that callers (HTTP, CLI) can map them to answers without parsing
 * messages. Part of the ports: import them from `store/ports.ts`.
 */

export class SlugTakenError extends Error {
  constructor(readonly slug: string) {
    super(`slug "${slug}" is already taken`);
    this.name = 'SlugTakenError';
  }
}

/** An input the store refuses: `field` names the offending property, `reason` says what is wrong with it. */
export class ValidationError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'ValidationError';
  }
}

/** Workspace names are unique (the CLI and the dashboard address workspaces by name). */
export class WorkspaceExistsError extends Error {
  constructor(readonly workspaceName: string) {
    super(`a workspace named "${workspaceName}" already exists`);
    this.name = 'WorkspaceExistsError';
  }
}

/** E-mail addresses are unique: one account per person, with memberships in several workspaces. */
export class UserExistsError extends Error {
  constructor(readonly email: string) {
    super(`a user with the e-mail address "${email}" already exists`);
    this.name = 'UserExistsError';
  }
}

/** A workspace-scoped write named a workspace that does not exist. */
export class WorkspaceNotFoundError extends Error {
  constructor(readonly workspaceId: string) {
    super(`workspace "${workspaceId}" does not exist`);
    this.name = 'WorkspaceNotFoundError';
  }
}
