import type { Command } from 'commander';
import { fieldErrors, newLinkSchema } from '../../core/schemas/index.js';
import { SlugTakenError } from '../../store/ports.js';
import { createTrackingLink, linkView, type LinkView } from '../../services/links.js';
import { CliError } from '../errors.js';
import { parseFormat, render } from '../output.js';
import { dataTarget, resolveWorkspace, withAppStore, type GlobalOptions } from '../target.js';

interface CreateOpts {
  destination: string;
  slug?: string;
  utmSource?: string;
  utmMedium?: string;
  utmCampaign?: string;
  utmTerm?: string;
  utmContent?: string;
  partner?: string;
  json?: boolean;
  format?: string;
}

export function linkCommands(program: Command, g: () => GlobalOptions): void {
  const links = program.command('links').description('Tracking links');
  links
    .command('create')
    .description('Create a tracking link that records a click and redirects to the destination')
    .requiredOption('--destination <url>', 'where the link sends visitors (http/https)')
    .option('--slug <slug>', 'the path after /r/ (random when absent)')
    .option('--utm-source <v>')
    .option('--utm-medium <v>')
    .option('--utm-campaign <v>')
    .option('--utm-term <v>')
    .option('--utm-content <v>')
    .option('--partner <name>', 'affiliate or influencer the link belongs to')
    .option('--json', 'print JSON')
    .action(async (o: CreateOpts) => {
      const body = {
        destination: o.destination,
        slug: o.slug,
        utm_source: o.utmSource,
        utm_medium: o.utmMedium,
        utm_campaign: o.utmCampaign,
        utm_term: o.utmTerm,
        utm_content: o.utmContent,
        partner: o.partner,
      };
      const parsed = newLinkSchema.safeParse(body);
      if (!parsed.success)
        throw new CliError(
          'Invalid link.',
          2,
          fieldErrors(parsed.error).map((e) => ({ ...e, field: `--${e.field.replace(/_/g, '-')}` })),
        );
      const target = await dataTarget(g());
      let link: LinkView;
      if ('api' in target) link = await target.api.request<LinkView>('POST', '/v1/links', parsed.data);
      else {
        link = await withAppStore(target.cfg, async (app) => {
          const ws = await resolveWorkspace(app, target.key);
          try {
            return await createTrackingLink(app, ws.id, parsed.data, target.cfg.publicUrl);
          } catch (e) {
            if (e instanceof SlugTakenError)
              throw new CliError(`The slug "${e.slug}" is already taken; choose another with --slug.`, 1, [
                { field: '--slug', reason: 'is already taken' },
              ]);
            throw e;
          }
        });
      }
      if (o.json)
        console.log(
          JSON.stringify({ slug: link.slug, url: link.url, destination: link.destination, link }, null, 2),
        );
      else console.log(`${link.url}\n  → ${link.destination}`);
    });

  links
    .command('list')
    .description('List tracking links')
    .option('--format <f>', 'table, csv or json', 'table')
    .option('--json', 'alias of --format json')
    .action(async (o: { format?: string; json?: boolean }) => {
      const format = parseFormat(o);
      const target = await dataTarget(g());
      let rows: LinkView[];
      if ('api' in target) rows = (await target.api.request<{ links: LinkView[] }>('GET', '/v1/links')).links;
      else
        rows = await withAppStore(target.cfg, async (app) => {
          const ws = await resolveWorkspace(app, target.key);
          return (await app.listLinks(ws.id)).map((l) => linkView(target.cfg.publicUrl, l));
        });
      console.log(
        render(
          rows as unknown as Array<Record<string, unknown>>,
          ['slug', 'url', 'destination', 'utm_source', 'utm_medium', 'utm_campaign', 'partner', 'created_at'],
          format,
        ),
      );
    });
}
