import type { Migration } from 'kysely';
import * as initial from './001-initial.js';
import * as costs from './002-costs.js';
import * as users from './003-users.js';
import * as workspaceMargin from './004-workspace-margin.js';
import * as goals from './005-goals.js';
import * as experiments from './006-experiments.js';

/**
 * Every migration, keyed by a name that sorts in the order they must run. Forward-only: a released
 * migration is never edited or removed — add the next number instead. Listed in code rather than
 * read from a folder so that the bundled `dist/` and the tests run the very same set.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '001-initial': initial,
  '002-costs': costs,
  '003-users': users,
  '004-workspace-margin': workspaceMargin,
  '005-goals': goals,
  '006-experiments': experiments,
};
