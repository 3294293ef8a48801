import type { FieldError } from '../core/schemas/index.js';
import {
  ValidationError,
  WorkspaceExistsError,
  type AppStore,
  type NewWorkspace,
  type Workspace,
} from '../store/ports.js';

export interface CreatedWorkspace {
  workspace: Workspace;
  /** Public: goes into the snippet on the site. */
  write_key: string;
  /** Secret: shown once, stored only as a hash. */
  secret_key: string;
}

export type CreateWorkspaceError = { error: string; status: number; message: string; errors?: FieldError[] };

/** Create a workspace with one write key and one secret key (`rendement workspace create`). */
export async function createWorkspaceWithKeys(
  app: AppStore,
  input: NewWorkspace,
): Promise<CreatedWorkspace | CreateWorkspaceError> {
  try {
    const workspace = await app.createWorkspace(input);
    const write = await app.createApiKey(workspace.id, 'write');
    const secret = await app.createApiKey(workspace.id, 'secret');
    return { workspace, write_key: write.key, secret_key: secret.key };
  } catch (e) {
    if (e instanceof WorkspaceExistsError)
      return {
        error: 'workspace_exists',
        status: 409,
        message: e.message,
        errors: [{ field: 'name', reason: 'is already taken' }],
      };
    if (e instanceof ValidationError)
      return {
        error: 'invalid_request',
        status: 400,
        message: e.message,
        errors: [{ field: e.field, reason: e.reason }],
      };
    throw e;
  }
}
