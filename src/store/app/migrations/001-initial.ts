import { sql, type Kysely } from 'kysely';

// Migrations see the database as it was when they were written, not as `AppDatabase` is today,
// hence the untyped `Kysely<unknown>`. Column types are limited to what SQLite and PostgreSQL share.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('base_currency', 'text', (c) => c.notNull().defaultTo('EUR'))
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Europe/Brussels'))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('allowed_origins', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('plaintext', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addCheckConstraint('api_keys_kind', sql`kind in ('write', 'secret')`)
    // Defence in depth: even a buggy caller cannot persist a secret key in clear.
    .addCheckConstraint('api_keys_secret_not_stored', sql`kind = 'write' or plaintext is null`)
    .execute();
  await db.schema.createIndex('api_keys_key_hash').on('api_keys').column('key_hash').unique().execute();
  await db.schema.createIndex('api_keys_workspace_id').on('api_keys').column('workspace_id').execute();

  await db.schema
    .createTable('links')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('utm_source', 'text')
    .addColumn('utm_medium', 'text')
    .addColumn('utm_campaign', 'text')
    .addColumn('utm_term', 'text')
    .addColumn('utm_content', 'text')
    .addColumn('partner', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('links_workspace_id').on('links').column('workspace_id').execute();
}
