import type { Command } from 'commander';
import type { ApiKeyRecord, Workspace } from '../../store/ports.js';
import { CliError } from '../errors.js';
import { parseFormat, render } from '../output.js';
import { dataTarget, resolveWorkspace, withAppStore, type GlobalOptions } from '../target.js';

/** `rendement keys …` and `rendement workspace update`: the key's own workspace. */
export function keyCommands(program: Command, g: () => GlobalOptions): void {
  const keys = program
    .command('keys')
    .description('API keys of the workspace (rotate a leaked key: create, then revoke)');
  keys
    .command('list')
    .option('--format <f>', 'table, csv or json', 'table')
    .option('--json', 'alias of --format json')
    .action(async (o: { format?: string; json?: boolean }) => {
      const format = parseFormat(o);
      const target = await dataTarget(g());
      const rows =
        'api' in target
          ? (await target.api.request<{ keys: ApiKeyRecord[] }>('GET', '/v1/keys')).keys
          : await withAppStore(target.cfg, async (app) =>
              app.listApiKeys((await resolveWorkspace(app, target.key)).id),
            );
      console.log(
        render(
          rows as unknown as Array<Record<string, unknown>>,
          ['id', 'kind', 'prefix', 'created_at', 'revoked_at'],
          format,
        ),
      );
    });
  keys
    .command('create')
    .requiredOption('--kind <kind>', 'write (public, for the snippet) or secret (API and CLI)')
    .option('--json', 'print JSON')
    .action(async (o: { kind: string; json?: boolean }) => {
      if (o.kind !== 'write' && o.kind !== 'secret') throw new CliError('--kind must be write or secret.', 2);
      const target = await dataTarget(g());
      const created =
        'api' in target
          ? await target.api.request<{ key: string; record: ApiKeyRecord }>('POST', '/v1/keys', {
              kind: o.kind,
            })
          : await withAppStore(target.cfg, async (app) =>
              app.createApiKey((await resolveWorkspace(app, target.key)).id, o.kind as 'write' | 'secret'),
            );
      if (o.json) return console.log(JSON.stringify(created, null, 2));
      console.log(
        `${created.key}\n  ${o.kind === 'secret' ? 'shown once: store it safely' : 'public: for the snippet'} (id ${created.record.id})`,
      );
    });
  keys
    .command('revoke')
    .argument('<id>', 'key id (see keys list)')
    .action(async (id: string) => {
      const target = await dataTarget(g());
      if ('api' in target) await target.api.request('DELETE', `/v1/keys/${encodeURIComponent(id)}`);
      else
        await withAppStore(target.cfg, async (app) => {
          const ws = await resolveWorkspace(app, target.key);
          const all = await app.listApiKeys(ws.id);
          const k = all.find((x) => x.id === id);
          if (
            k?.kind === 'secret' &&
            !k.revoked_at &&
            all.filter((x) => x.kind === 'secret' && !x.revoked_at).length === 1
          )
            throw new CliError('This is the only secret key of the workspace; create another one first.');
          if (!(await app.revokeApiKey(ws.id, id))) throw new CliError(`No key ${id} in this workspace.`);
        });
      console.log(`Revoked ${id}.`);
    });
}

export function workspaceUpdateCommand(workspace: Command, g: () => GlobalOptions): void {
  workspace
    .command('update')
    .description("Change the API key's workspace: currency, time zone, locale, origins the write key accepts")
    .option('--currency <code>', 'base currency (ISO 4217)')
    .option('--time-zone <tz>', 'IANA time zone')
    .option('--locale <locale>', 'nl, fr, en, nl-BE, fr-BE, …')
    .option('--allowed-origins <list>', 'comma-separated origins (https://shop.example.be); "" allows any')
    .option(
      '--default-margin <fraction>',
      'margin of conversions that carry none, e.g. 0.35; "none" clears it',
    )
    .option('--json', 'print JSON')
    .action(
      async (o: {
        defaultMargin?: string;
        currency?: string;
        timeZone?: string;
        locale?: string;
        allowedOrigins?: string;
        json?: boolean;
      }) => {
        const patch = {
          ...(o.currency !== undefined ? { base_currency: o.currency } : {}),
          ...(o.timeZone !== undefined ? { time_zone: o.timeZone } : {}),
          ...(o.locale !== undefined ? { locale: o.locale } : {}),
          ...(o.defaultMargin !== undefined
            ? { default_margin: o.defaultMargin === 'none' ? null : Number(o.defaultMargin) }
            : {}),
          ...(o.allowedOrigins !== undefined
            ? {
                allowed_origins: o.allowedOrigins
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean),
              }
            : {}),
        };
        const target = await dataTarget(g());
        let ws: Workspace;
        if ('api' in target)
          ws = (await target.api.request<{ workspace: Workspace }>('PATCH', '/v1/workspace', patch))
            .workspace;
        else
          ws = await withAppStore(target.cfg, async (app) => {
            try {
              return await app.updateWorkspace((await resolveWorkspace(app, target.key)).id, patch);
            } catch (e) {
              const v = e as { field?: string; reason?: string };
              if (v.field)
                throw new CliError('Invalid setting.', 2, [
                  { field: `--${v.field.replace(/_/g, '-')}`, reason: v.reason ?? '' },
                ]);
              throw e;
            }
          });
        if (o.json) return console.log(JSON.stringify(ws, null, 2));
        console.log(
          `Workspace "${ws.name}": ${ws.base_currency}, ${ws.time_zone}, ${ws.locale}; origins: ${ws.allowed_origins.join(', ') || 'any'}`,
        );
      },
    );
}
