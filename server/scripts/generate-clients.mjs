// Generates both Prisma clients offline: the MySQL one from server/prisma/schema.prisma and the
// SQLite one from a schema derived from it. The Prisma CLI insists on a schema-engine binary it
// cannot download here; `generate` never runs it, so a stub that exits 1 satisfies the check.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deriveSqliteSchema } from './derive-sqlite-schema.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const prismaDir = join(root, 'server/prisma');
const sqliteSchemaPath = join(prismaDir, 'sqlite/schema.prisma');

mkdirSync(dirname(sqliteSchemaPath), { recursive: true });
writeFileSync(sqliteSchemaPath, deriveSqliteSchema(join(prismaDir, 'schema.prisma')));

const stubDir = join(root, 'node_modules/.cache/xuefa');
const stubEngine = join(stubDir, 'schema-engine-stub');
mkdirSync(stubDir, { recursive: true });
writeFileSync(stubEngine, '#!/bin/sh\nexit 1\n');
chmodSync(stubEngine, 0o755);

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stubEngine, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
for (const schema of [join(prismaDir, 'schema.prisma'), sqliteSchemaPath]) {
  execFileSync(join(root, 'node_modules/.bin/prisma'), ['generate', '--schema', schema], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}
console.log('prisma clients generated: server/generated/mysql, server/generated/sqlite');
