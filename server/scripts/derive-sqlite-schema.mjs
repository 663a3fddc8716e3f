// Derives the SQLite variant of the Prisma schema: other provider, no MySQL native types,
// client generated next to the MySQL one.
import { readFileSync } from 'node:fs';

/** @param {string} mysqlSchemaPath @returns {string} */
export function deriveSqliteSchema(mysqlSchemaPath) {
  const source = readFileSync(mysqlSchemaPath, 'utf8');
  return [
    '// GENERATED from ../schema.prisma by server/scripts/derive-sqlite-schema.mjs; do not edit.',
    source
      .replace(/provider\s*=\s*"mysql"/, 'provider = "sqlite"')
      .replace(/output\s*=\s*"\.\.\/generated\/mysql"/, 'output       = "../../generated/sqlite"')
      .replace(/\s@db\.\w+(\([^)]*\))?/g, ''),
  ].join('\n');
}
