// Prints the SQLite DDL that takes the existing SQLite migrations to the current Prisma schema,
// using Prisma's schema engine compiled to WASM (the native engine cannot be downloaded here).
// Use it to draft migrations/sqlite/<name>/migration.sql; the MySQL twin is written by hand.
// Usage: npm run db:sqlite-diff   (exit 0: no difference, 2: SQL printed)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as engineGlue from '@prisma/schema-engine-wasm/schema_engine_bg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { listMigrations, migrationsDir } from '../src/db/migrations.ts';

(globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = { set_message(message: string) { console.error('[schema engine panic]', message); } };
const require = createRequire(import.meta.url);
const wasmPath = require.resolve('@prisma/schema-engine-wasm').replace(/schema_engine\.js$/, 'schema_engine_bg.wasm');
// WebAssembly is a Node global, but its types live in the DOM lib this project does not load.
const { WebAssembly } = globalThis as unknown as { WebAssembly: { instantiate(bytes: Buffer, imports: object): Promise<{ instance: { exports: object } }> } };
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { './schema_engine_bg.js': engineGlue });
const glue = engineGlue as unknown as { __wbg_set_wasm(exports: unknown): void; SchemaEngine: any };
glue.__wbg_set_wasm(instance.exports);
(instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();

// This engine build sends a whole migration file through executeRaw; better-sqlite3 runs one
// statement per call, so multi-statement scripts are rerouted to executeScript.
function acceptScripts<T extends object>(adapter: T): T {
  return new Proxy(adapter, {
    get(target: any, prop) {
      if (prop === 'executeRaw') {
        return async (query: { sql: string; args?: unknown[] }) => {
          try { return await target.executeRaw(query); } catch (error) {
            if (!query.args?.length && /more than one statement/.test(String((error as Error)?.message))) { await target.executeScript(query.sql); return 0; }
            throw error;
          }
        };
      }
      const value = target[prop];
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const schemaPath = 'server/prisma/sqlite/schema.prisma';
const schema = readFileSync(schemaPath, 'utf8');
const shadow = new PrismaBetterSqlite3({ url: ':memory:' });
const engine = await glue.SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => {}, bindMigrationAwareSqlAdapterFactory({
  provider: 'sqlite', adapterName: shadow.adapterName,
  connect: async () => acceptScripts(await shadow.connect()),
  connectToShadowDb: async () => acceptScripts(await shadow.connectToShadowDb()),
} as any));
const migrationDirectories = listMigrations('sqlite').map((m) => ({
  path: m.name, migrationFile: { path: `${m.name}/migration.sql`, content: { tag: 'ok', value: m.sql } },
}));
const result = await engine.diff({
  from: { tag: 'migrations', baseDir: migrationsDir('sqlite'), lockfile: { path: 'migration_lock.toml', content: 'provider = "sqlite"\n' }, shadowDbInitScript: '', migrationDirectories },
  to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
  script: true, exitCode: true, filters: { externalTables: [], externalEnums: [] },
});
process.stdout.write(result.stdout ?? '');
process.exit(result.exitCode ?? 0);
