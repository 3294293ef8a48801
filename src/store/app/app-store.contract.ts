import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECRET_KEY_PREFIX, WRITE_KEY_PREFIX } from '../../core/ids.js';
import { SlugTakenError, type AppStore, type TrackingLink } from '../ports.js';
import { KyselyAppStore } from './app-store.js';
import { ValidationError, WorkspaceExistsError, WorkspaceNotFoundError } from './errors.js';
import { appStorePeopleContract } from './app-store.people.contract.js';
import { migrations } from './migrations/index.js';
import type { AppDatabase } from './schema.js';

/**
 * The `AppStore` contract, run against every adapter. `open` must return a store on a fresh,
 * empty database each time (tests count rows); the suite migrates and closes it.
 */
export function appStoreContract(name: string, open: () => Promise<AppStore>): void {
  describe(`AppStore contract: ${name}`, () => {
    let store: AppStore;

    beforeEach(async () => {
      store = await open();
      await store.migrate();
    });
    afterEach(async () => {
      await store.close();
    });

    /** The database behind the store, to check what is (not) written to disk. */
    function rawDb(): Kysely<AppDatabase> {
      if (!(store instanceof KyselyAppStore)) throw new Error('raw inspection needs the Kysely adapter');
      return store.db;
    }

    const link = (workspace_id: string, slug: string, extra: Partial<TrackingLink> = {}) => ({
      slug,
      workspace_id,
      destination: 'https://shop.example/landing?x=1',
      utm_source: 'newsletter',
      utm_medium: 'email',
      utm_campaign: 'spring',
      utm_term: null,
      utm_content: null,
      partner: null,
      ...extra,
    });

    describe('migrate', () => {
      it('is a no-op when run again', async () => {
        const ws = await store.createWorkspace({ name: 'Shop' });
        await store.migrate();
        await store.migrate();
        expect(await store.getWorkspace(ws.id)).toEqual(ws);
        const { rows } = await sql<{
          n: number | string;
        }>`select count(*) as n from kysely_migration`.execute(rawDb());
        expect(Number(rows[0]?.n)).toBe(Object.keys(migrations).length);
      });
    });

    describe('workspaces', () => {
      it('creates a workspace with the defaults', async () => {
        const before = Date.now();
        const ws = await store.createWorkspace({ name: 'Shop' });
        expect(ws).toMatchObject({
          name: 'Shop',
          base_currency: 'EUR',
          time_zone: 'Europe/Brussels',
          locale: 'en',
          allowed_origins: [],
        });
        expect(ws.id).toMatch(/^ws_[A-Za-z0-9]{16}$/);
        expect(ws.created_at).toBe(new Date(ws.created_at).toISOString());
        expect(Date.parse(ws.created_at)).toBeGreaterThanOrEqual(before - 1);
      });

      it('updates settings and allowed origins; refuses bad values naming the field', async () => {
        const ws = await store.createWorkspace({ name: 'Patchable' });
        const updated = await store.updateWorkspace(ws.id, {
          time_zone: 'Europe/Amsterdam',
          allowed_origins: ['https://shop.example.be', 'https://shop.example.be/', 'http://localhost:3000'],
        });
        expect(updated).toMatchObject({
          name: 'Patchable',
          time_zone: 'Europe/Amsterdam',
          base_currency: 'EUR',
          allowed_origins: ['https://shop.example.be', 'http://localhost:3000'],
        });
        expect(await store.getWorkspace(ws.id)).toEqual(updated);
        for (const [patch, field] of [
          [{ allowed_origins: ['shop.example.be'] }, 'allowed_origins'],
          [{ allowed_origins: ['https://shop.example.be/path'] }, 'allowed_origins'],
          [{ time_zone: 'Europe/Brussel' }, 'time_zone'],
          [{ base_currency: 'EURO' }, 'base_currency'],
        ] as const) {
          await expect(store.updateWorkspace(ws.id, patch as never)).rejects.toMatchObject({ field });
        }
        expect((await store.getWorkspace(ws.id))!.time_zone).toBe('Europe/Amsterdam');
        await expect(store.updateWorkspace('ws_missing', { locale: 'fr' })).rejects.toBeInstanceOf(
          WorkspaceNotFoundError,
        );
      });

      it('keeps given settings and canonicalises the locale', async () => {
        const ws = await store.createWorkspace({
          name: '  Boutique  ',
          base_currency: 'USD',
          time_zone: 'America/New_York',
          locale: 'nl-be',
        });
        expect(ws).toMatchObject({
          name: 'Boutique',
          base_currency: 'USD',
          time_zone: 'America/New_York',
          locale: 'nl-BE',
        });
        expect(await store.getWorkspace(ws.id)).toEqual(ws);
      });

      it.each(['nl', 'fr', 'en', 'nl-BE', 'fr-BE', 'en-GB', 'de-CH'])('accepts locale %s', async (locale) => {
        const ws = await store.createWorkspace({ name: `ws ${locale}`, locale });
        expect(ws.locale).toBe(locale);
      });

      it('gets, finds and lists workspaces', async () => {
        const a = await store.createWorkspace({ name: 'Alpha' });
        const b = await store.createWorkspace({ name: 'Beta', base_currency: 'GBP' });
        expect(await store.getWorkspace(a.id)).toEqual(a);
        expect(await store.getWorkspace('ws_unknown')).toBeNull();
        expect(await store.findWorkspaceByName('Beta')).toEqual(b);
        expect(await store.findWorkspaceByName('beta')).toBeNull();
        expect(await store.findWorkspaceByName('Gamma')).toBeNull();
        const list = await store.listWorkspaces();
        expect(list).toHaveLength(2);
        expect(list).toEqual(expect.arrayContaining([a, b]));
      });

      it.each([
        [{ name: '' }, 'name'],
        [{ name: '   ' }, 'name'],
        [{ name: 'x'.repeat(101) }, 'name'],
        [{ name: 'tab\there' }, 'name'],
        [{ name: 'x', base_currency: 'EURO' }, 'base_currency'],
        [{ name: 'x', base_currency: 'eur' }, 'base_currency'],
        [{ name: 'x', base_currency: '' }, 'base_currency'],
        [{ name: 'x', time_zone: 'Mars/Olympus_Mons' }, 'time_zone'],
        [{ name: 'x', time_zone: 'Europe/Brussel' }, 'time_zone'],
        [{ name: 'x', time_zone: '' }, 'time_zone'],
        [{ name: 'x', locale: 'en_GB' }, 'locale'],
        [{ name: 'x', locale: 'x' }, 'locale'],
        [{ name: 'x', locale: '' }, 'locale'],
      ])('rejects %o with a ValidationError on %s', async (input, field) => {
        const err = await store.createWorkspace(input).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ValidationError);
        expect(err).toMatchObject({ field });
        expect(await store.listWorkspaces()).toEqual([]);
      });

      it('refuses a second workspace with the same name', async () => {
        await store.createWorkspace({ name: 'Shop' });
        const err = await store.createWorkspace({ name: 'Shop ', locale: 'fr' }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(WorkspaceExistsError);
        expect(err).toMatchObject({ workspaceName: 'Shop' });
        expect(await store.listWorkspaces()).toHaveLength(1);
      });
    });

    describe('api keys', () => {
      it('returns a secret key once and stores only its hash', async () => {
        const ws = await store.createWorkspace({ name: 'Shop' });
        const { key, record } = await store.createApiKey(ws.id, 'secret');
        expect(key.startsWith(SECRET_KEY_PREFIX)).toBe(true);
        expect(record).toMatchObject({
          workspace_id: ws.id,
          kind: 'secret',
          prefix: key.slice(0, 12),
          revoked_at: null,
        });
        expect(record.prefix).toHaveLength(12);

        const row = await rawDb()
          .selectFrom('api_keys')
          .selectAll()
          .where('id', '=', record.id)
          .executeTakeFirstOrThrow();
        expect(row.plaintext).toBeNull();
        expect(row.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
        for (const value of Object.values(row)) {
          if (typeof value === 'string') expect(value.includes(key.slice(12))).toBe(false);
        }
        expect(await store.listApiKeys(ws.id)).toEqual([record]);
        expect(await store.writeKeys(ws.id)).toEqual([]);
      });

      it('keeps write keys readable and lists them in writeKeys', async () => {
        const ws = await store.createWorkspace({ name: 'Shop' });
        const first = await store.createApiKey(ws.id, 'write');
        const second = await store.createApiKey(ws.id, 'write');
        expect(first.key.startsWith(WRITE_KEY_PREFIX)).toBe(true);
        expect(first.record).toMatchObject({ kind: 'write', prefix: first.key.slice(0, 12) });
        const row = await rawDb()
          .selectFrom('api_keys')
          .selectAll()
          .where('id', '=', first.record.id)
          .executeTakeFirstOrThrow();
        expect(row.plaintext).toBe(first.key);
        expect((await store.writeKeys(ws.id)).sort()).toEqual([first.key, second.key].sort());
      });

      it('resolves a key for its own kind only', async () => {
        const ws = await store.createWorkspace({ name: 'Shop' });
        const secret = await store.createApiKey(ws.id, 'secret');
        const write = await store.createApiKey(ws.id, 'write');
        expect(await store.resolveApiKey('secret', secret.key)).toEqual({
          workspace_id: ws.id,
          key_id: secret.record.id,
        });
        expect(await store.resolveApiKey('write', write.key)).toEqual({
          workspace_id: ws.id,
          key_id: write.record.id,
        });
        expect(await store.resolveApiKey('write', secret.key)).toBeNull();
        expect(await store.resolveApiKey('secret', write.key)).toBeNull();
      });

      it.each(['', 'rdm_sk_unknown', 'x'.repeat(10_000)])(
        'does not resolve unknown key %#',
        async (presented) => {
          const ws = await store.createWorkspace({ name: 'Shop' });
          await store.createApiKey(ws.id, 'secret');
          expect(await store.resolveApiKey('secret', presented)).toBeNull();
        },
      );

      it('does not resolve a key by its prefix or hash', async () => {
        const ws = await store.createWorkspace({ name: 'Shop' });
        const { key, record } = await store.createApiKey(ws.id, 'secret');
        expect(await store.resolveApiKey('secret', record.prefix)).toBeNull();
        expect(
          await store.resolveApiKey('secret', createHash('sha256').update(key).digest('hex')),
        ).toBeNull();
      });

      it('revokes keys within their workspace only', async () => {
        const a = await store.createWorkspace({ name: 'A' });
        const b = await store.createWorkspace({ name: 'B' });
        const secret = await store.createApiKey(a.id, 'secret');
        const write = await store.createApiKey(a.id, 'write');

        expect(await store.revokeApiKey(b.id, secret.record.id)).toBe(false);
        expect(await store.resolveApiKey('secret', secret.key)).not.toBeNull();
        expect(await store.revokeApiKey(a.id, 'key_unknown')).toBe(false);

        expect(await store.revokeApiKey(a.id, secret.record.id)).toBe(true);
        expect(await store.revokeApiKey(a.id, write.record.id)).toBe(true);
        expect(await store.resolveApiKey('secret', secret.key)).toBeNull();
        expect(await store.resolveApiKey('write', write.key)).toBeNull();
        expect(await store.writeKeys(a.id)).toEqual([]);

        const listed = await store.listApiKeys(a.id);
        const revokedAt = listed.find((k) => k.id === secret.record.id)?.revoked_at;
        expect(revokedAt).toBe(new Date(revokedAt ?? 0).toISOString());
        // Revoking again is idempotent and keeps the first time.
        expect(await store.revokeApiKey(a.id, secret.record.id)).toBe(true);
        expect((await store.listApiKeys(a.id)).find((k) => k.id === secret.record.id)?.revoked_at).toBe(
          revokedAt,
        );
      });

      it('scopes key lists to their workspace', async () => {
        const a = await store.createWorkspace({ name: 'A' });
        const b = await store.createWorkspace({ name: 'B' });
        const ka = await store.createApiKey(a.id, 'write');
        const kb = await store.createApiKey(b.id, 'write');
        await store.createApiKey(b.id, 'secret');
        expect(await store.listApiKeys(a.id)).toEqual([ka.record]);
        expect(await store.writeKeys(a.id)).toEqual([ka.key]);
        expect(await store.writeKeys(b.id)).toEqual([kb.key]);
        expect(await store.resolveApiKey('write', kb.key)).toEqual({
          workspace_id: b.id,
          key_id: kb.record.id,
        });
      });

      it('refuses keys for an unknown workspace', async () => {
        await expect(store.createApiKey('ws_unknown', 'secret')).rejects.toBeInstanceOf(
          WorkspaceNotFoundError,
        );
        await expect(store.createApiKey('ws_unknown', 'write')).rejects.toBeInstanceOf(
          WorkspaceNotFoundError,
        );
      });
    });

    describe('links', () => {
      it('creates, gets and lists links', async () => {
        const ws = await store.createWorkspace({ name: 'Shop' });
        const created = await store.createLink(link(ws.id, 'spring-24'));
        expect(created).toEqual({ ...link(ws.id, 'spring-24'), created_at: created.created_at });
        expect(created.created_at).toBe(new Date(created.created_at).toISOString());
        expect(await store.getLink('spring-24')).toEqual(created);
        expect(await store.getLink('nope')).toBeNull();
        const partnerLink = await store.createLink(link(ws.id, 'p_1', { partner: 'jan', utm_source: null }));
        const list = await store.listLinks(ws.id);
        expect(list).toHaveLength(2);
        expect(list).toEqual(expect.arrayContaining([created, partnerLink]));
      });

      it('throws SlugTakenError on a duplicate slug, across workspaces too', async () => {
        const a = await store.createWorkspace({ name: 'A' });
        const b = await store.createWorkspace({ name: 'B' });
        const original = await store.createLink(link(a.id, 'promo'));
        for (const ws of [a, b]) {
          const err = await store
            .createLink(link(ws.id, 'promo', { destination: 'https://evil.example/' }))
            .catch((e: unknown) => e);
          expect(err).toBeInstanceOf(SlugTakenError);
          expect(err).toMatchObject({ slug: 'promo' });
        }
        expect(await store.getLink('promo')).toEqual(original);
      });

      it("never lists another workspace's links", async () => {
        const a = await store.createWorkspace({ name: 'A' });
        const b = await store.createWorkspace({ name: 'B' });
        for (let i = 0; i < 3; i++) await store.createLink(link(a.id, `a${i}`));
        for (let i = 0; i < 2; i++) await store.createLink(link(b.id, `b${i}`));
        const listA = await store.listLinks(a.id);
        const listB = await store.listLinks(b.id);
        expect(listA.map((l) => l.slug).sort()).toEqual(['a0', 'a1', 'a2']);
        expect(listB.map((l) => l.slug).sort()).toEqual(['b0', 'b1']);
        expect(listA.every((l) => l.workspace_id === a.id)).toBe(true);
        expect(await store.listLinks('ws_unknown')).toEqual([]);
      });

      it.each([
        [{ slug: '' }, 'slug'],
        [{ slug: '-lead' }, 'slug'],
        [{ slug: 'has space' }, 'slug'],
        [{ slug: 'x'.repeat(65) }, 'slug'],
        [{ destination: 'javascript:alert(1)' }, 'destination'],
        [{ destination: '/relative' }, 'destination'],
        [{ utm_source: 'x'.repeat(501) }, 'utm_source'],
      ])('rejects %o with a ValidationError on %s', async (patch, field) => {
        const ws = await store.createWorkspace({ name: 'Shop' });
        const err = await store.createLink({ ...link(ws.id, 'ok'), ...patch }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ValidationError);
        expect(err).toMatchObject({ field });
        expect(await store.listLinks(ws.id)).toEqual([]);
      });

      it('refuses links for an unknown workspace', async () => {
        await expect(store.createLink(link('ws_unknown', 'orphan'))).rejects.toBeInstanceOf(
          WorkspaceNotFoundError,
        );
        expect(await store.getLink('orphan')).toBeNull();
      });
    });

    describe('cost imports and campaign mappings', () => {
      const imp = (workspace_id: string, id: string) => ({
        id,
        workspace_id,
        file_name: 'google.csv',
        platform: 'google-ads',
        account_ids: ['123-456-7890'],
        date_from: '2026-04-01',
        date_to: '2026-04-07',
        rows_read: 10,
        rows_imported: 9,
        rows_rejected: 1,
        created_by: 'cli',
      });

      it('records, lists newest first, undoes once and stays per workspace', async () => {
        const a = await store.createWorkspace({ name: 'A' });
        const b = await store.createWorkspace({ name: 'B' });
        const first = await store.recordCostImport(imp(a.id, 'imp_001'));
        expect(first).toMatchObject({ account_ids: ['123-456-7890'], undone_at: null, rows_rejected: 1 });
        await store.recordCostImport(imp(a.id, 'imp_002'));
        await store.recordCostImport(imp(b.id, 'imp_003'));
        expect((await store.listCostImports(a.id)).map((r) => r.id)).toEqual(['imp_002', 'imp_001']);
        expect(await store.getCostImport(a.id, 'imp_003')).toBeNull();
        expect(await store.undoCostImport(a.id, 'imp_003', 'key_x')).toBeNull();
        const undone = await store.undoCostImport(a.id, 'imp_002', 'key_1');
        expect(undone).toMatchObject({ undone_by: 'key_1', undone_at: expect.any(String) });
        const again = await store.undoCostImport(a.id, 'imp_002', 'key_2');
        expect(again).toEqual(undone);
        expect(await store.undoneCostImportIds(a.id)).toEqual(['imp_002']);
        expect(await store.undoneCostImportIds(b.id)).toEqual([]);
        await expect(store.recordCostImport(imp('ws_missing', 'imp_004'))).rejects.toBeInstanceOf(
          WorkspaceNotFoundError,
        );
      });

      it('replaces a campaign mapping of the same cost campaign', async () => {
        const a = await store.createWorkspace({ name: 'A' });
        const b = await store.createWorkspace({ name: 'B' });
        await store.setCampaignMapping(a.id, 'brand be', 'brand_be');
        await store.setCampaignMapping(a.id, 'brand be', 'brand-be');
        await store.setCampaignMapping(a.id, 'generic', 'gen');
        const rows = await store.listCampaignMappings(a.id);
        expect(rows.map((r) => [r.cost_campaign, r.utm_campaign])).toEqual([
          ['brand be', 'brand-be'],
          ['generic', 'gen'],
        ]);
        expect(await store.listCampaignMappings(b.id)).toEqual([]);
      });
    });

    appStorePeopleContract(() => store, rawDb);
  });
}
