import type { AppStore, CostImportRecord } from '../../store/ports.js';

/**
 * Undo an import: its rows stop counting and, for the dates it had replaced, the previous import's
 * rows count again. Undoing twice is harmless (the first undo is kept); null when the id is unknown
 * in this workspace.
 */
export function undoImport(
  app: AppStore,
  workspaceId: string,
  id: string,
  by: string,
): Promise<CostImportRecord | null> {
  return app.undoCostImport(workspaceId, id, by);
}
