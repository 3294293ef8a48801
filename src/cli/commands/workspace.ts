import type { Command } from 'commander';
import { createWorkspaceWithKeys, type CreatedWorkspace } from '../../services/workspaces.js';
import { CliError } from '../errors.js';
import { adminTarget, withAppStore, type GlobalOptions } from '../target.js';
import { workspaceUpdateCommand } from './keys.js';

export function workspaceCommands(program: Command, g: () => GlobalOptions): void {
  const ws = program.command('workspace').description('Manage workspaces');
  workspaceUpdateCommand(ws, g);
  ws.command('create')
    .argument('<name>', 'workspace name (unique)')
    .option('--currency <code>', 'base currency (ISO 4217)', 'EUR')
    .option('--time-zone <tz>', 'IANA time zone', 'Europe/Brussels')
    .option('--locale <locale>', 'nl, fr, en, nl-BE, fr-BE, …', 'en')
    .option('--json', 'print JSON')
    .description('Create a workspace; prints its id, public write key and secret API key (shown once)')
    .action(
      async (name: string, o: { currency: string; timeZone: string; locale: string; json?: boolean }) => {
        const input = { name, base_currency: o.currency, time_zone: o.timeZone, locale: o.locale };
        const target = await adminTarget(g());
        let created: CreatedWorkspace;
        if ('api' in target)
          created = await target.api.request<CreatedWorkspace>('POST', '/v1/admin/workspaces', input);
        else {
          const r = await withAppStore(target.cfg, (app) => createWorkspaceWithKeys(app, input));
          if ('error' in r) throw new CliError(r.message, 1, r.errors);
          created = r;
        }
        if (o.json) {
          console.log(
            JSON.stringify(
              {
                id: created.workspace.id,
                name: created.workspace.name,
                write_key: created.write_key,
                secret_key: created.secret_key,
                workspace: created.workspace,
              },
              null,
              2,
            ),
          );
          return;
        }
        console.log(`Workspace "${created.workspace.name}" created.
  id          ${created.workspace.id}
  write key   ${created.write_key}   (public: put it in the snippet)
  secret key  ${created.secret_key}   (shown once: store it safely; needed for the API and CLI)
  currency    ${created.workspace.base_currency}, time zone ${created.workspace.time_zone}`);
      },
    );
}
