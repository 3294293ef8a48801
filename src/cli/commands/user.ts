import type { Command } from 'commander';
import { ROLES, type Role } from '../../store/ports.js';
import { CliError } from '../errors.js';
import { adminTarget, withAppStore, type GlobalOptions } from '../target.js';

/** The password from stdin (`--password-stdin`: scripts, secrets managers) or typed at a hidden prompt. */
async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
  if (!process.stdin.isTTY)
    throw new CliError('No terminal to type the password in: pipe it and pass --password-stdin.', 2);
  const ask = (prompt: string) =>
    new Promise<string>((resolve, reject) => {
      process.stderr.write(prompt);
      const stdin = process.stdin;
      stdin.setRawMode(true);
      stdin.resume();
      let out = '';
      const onData = (buf: Buffer) => {
        for (const ch of buf.toString('utf8')) {
          if (ch === '\r' || ch === '\n') {
            stdin.setRawMode(false);
            stdin.pause();
            stdin.off('data', onData);
            process.stderr.write('\n');
            return resolve(out);
          }
          if (ch === '\u0003') {
            stdin.setRawMode(false);
            return reject(new CliError('Cancelled.', 130));
          }
          if (ch === '\u007f') out = out.slice(0, -1);
          else out += ch;
        }
      };
      stdin.on('data', onData);
    });
  const first = await ask('Password: ');
  const second = await ask('Password again: ');
  if (first !== second) throw new CliError('The two passwords differ.', 2);
  return first;
}

export function userCommands(program: Command, g: () => GlobalOptions): void {
  const user = program.command('user').description('Dashboard users');
  user
    .command('create')
    .description('Create a dashboard user with a role in a workspace (the first user: --role owner)')
    .requiredOption('--email <email>', 'the e-mail address to sign in with')
    .requiredOption('--workspace <name>', 'the workspace (its name or id)')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'owner')
    .option('--name <name>', 'display name')
    .option('--password-stdin', 'read the password from standard input instead of a prompt')
    .option('--json', 'print JSON')
    .action(
      async (o: {
        email: string;
        workspace: string;
        role: string;
        name?: string;
        passwordStdin?: boolean;
        json?: boolean;
      }) => {
        if (!ROLES.includes(o.role as Role))
          throw new CliError(`--role must be one of ${ROLES.join(', ')}.`, 2);
        const password = await readPassword(Boolean(o.passwordStdin));
        const body = { email: o.email, password, workspace: o.workspace, role: o.role, name: o.name };
        const target = await adminTarget(g());
        type Created = {
          user: { id: string; email: string };
          role: Role;
          workspace: { id: string; name: string };
        };
        let created: Created;
        if ('api' in target) created = await target.api.request<Created>('POST', '/v1/admin/users', body);
        else
          created = await withAppStore(target.cfg, async (app) => {
            const { AccountError, createUserWithRole } = await import('../../services/users/index.js');
            const ws = (await app.findWorkspaceByName(o.workspace)) ?? (await app.getWorkspace(o.workspace));
            if (!ws)
              throw new CliError(`No workspace "${o.workspace}".`, 2, [
                { field: '--workspace', reason: 'names no workspace' },
              ]);
            try {
              const r = await createUserWithRole(app, {
                email: o.email,
                password,
                workspaceId: ws.id,
                role: o.role as Role,
                name: o.name ?? null,
              });
              return { ...r, workspace: { id: ws.id, name: ws.name } };
            } catch (e) {
              if (e instanceof AccountError)
                throw new CliError(
                  e.message,
                  2,
                  e.field ? [{ field: `--${e.field}`, reason: e.message }] : [],
                );
              throw e;
            }
          });
        if (o.json) return console.log(JSON.stringify(created, null, 2));
        console.log(
          `User ${created.user.email} (${created.user.id}) is ${created.role} of "${created.workspace.name}"; they can sign in to the dashboard now.`,
        );
      },
    );
}
