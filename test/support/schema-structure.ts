// The database structure in one comparable shape, read two ways: from the Prisma schema (through
// Prisma's own schema parser, compiled to WASM) and from a live MySQL or SQLite database.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { DatabaseTarget } from '../../server/src/db/target.ts';
import { rawQuery } from './raw-sql.ts';

export type Column = { nullable: boolean; type: string };
export type Table = { columns: Record<string, Column>; primaryKey: string[]; unique: string[]; indexes: string[] };
export type Structure = Record<string, Table>;

type DmmfField = { name: string; dbName?: string | null; kind: string; isRequired: boolean; type: string; nativeType?: [string, string[]] | null };
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
type DmmfIndex = { model: string; type: 'id' | 'unique' | 'normal' | 'fulltext'; fields: Array<{ name: string }> };
type Dmmf = { datamodel: { models: DmmfModel[]; enums: Array<{ name: string; values: Array<{ name: string }> }>; indexes: DmmfIndex[] } };

const require = createRequire(import.meta.url);

/** MySQL column type the schema asks for, as information_schema spells it (ints without display width). */
function mysqlType(field: DmmfField, enums: Map<string, string[]>): string {
  if (field.kind === 'enum') return `enum(${enums.get(field.type)!.map((v) => `'${v}'`).join(',')})`;
  const [native, args] = field.nativeType ?? [null, []];
  if (native) return `${native.toLowerCase()}${args.length ? `(${args.join(',')})` : ''}`;
  return ({ String: 'varchar(191)', Int: 'int', BigInt: 'bigint', Boolean: 'tinyint(1)', DateTime: 'datetime(3)', Json: 'longtext', Float: 'double', Bytes: 'longblob' } as Record<string, string>)[field.type]!;
}

function sqliteType(field: DmmfField): string {
  if (field.kind === 'enum') return 'TEXT';
  return ({ String: 'TEXT', Int: 'INTEGER', BigInt: 'BIGINT', Boolean: 'BOOLEAN', DateTime: 'DATETIME', Json: 'JSONB', Float: 'REAL', Bytes: 'BLOB' } as Record<string, string>)[field.type]!;
}

export function expectedStructure(schemaPath: string, dialect: 'mysql' | 'sqlite'): Structure {
  const wasm = require('@prisma/prisma-schema-wasm') as { get_dmmf(params: string): string };
  const dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: [[schemaPath, readFileSync(schemaPath, 'utf8')]] }))) as Dmmf;
  const enums = new Map(dmmf.datamodel.enums.map((e) => [e.name, e.values.map((v) => v.name)]));
  const structure: Structure = {};
  for (const model of dmmf.datamodel.models) {
    const columnOf = new Map(model.fields.map((f) => [f.name, f.dbName ?? f.name]));
    const table: Table = { columns: {}, primaryKey: [], unique: [], indexes: [] };
    for (const field of model.fields.filter((f) => f.kind !== 'object')) {
      let type = dialect === 'mysql' ? mysqlType(field, enums) : sqliteType(field);
      // SQLite's 64-bit autoincrement ids must be INTEGER PRIMARY KEY to be rowid aliases (see stack notes).
      if (dialect === 'sqlite' && field.type === 'BigInt' && field.name === 'id') type = 'INTEGER';
      table.columns[columnOf.get(field.name)!] = { nullable: !field.isRequired, type };
    }
    for (const index of dmmf.datamodel.indexes.filter((i) => i.model === model.name)) {
      const columns = index.fields.map((f) => columnOf.get(f.name)!).join(',');
      if (index.type === 'id') table.primaryKey = columns.split(',');
      else if (index.type === 'unique') table.unique.push(columns);
      else table.indexes.push(columns);
    }
    table.unique.sort(); table.indexes.sort();
    structure[model.dbName ?? model.name] = table;
  }
  return structure;
}

type MysqlColumn = { TABLE_NAME: string; COLUMN_NAME: string; IS_NULLABLE: string; COLUMN_TYPE: string };
type MysqlIndex = { TABLE_NAME: string; INDEX_NAME: string; NON_UNIQUE: number; COLUMN_NAME: string };

async function mysqlStructure(target: Extract<DatabaseTarget, { dialect: 'mysql' }>): Promise<Structure> {
  const columns = await rawQuery<MysqlColumn>(target, 'SELECT TABLE_NAME, COLUMN_NAME, IS_NULLABLE, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION', [target.database]);
  const indexes = await rawQuery<MysqlIndex>(target, 'SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX', [target.database]);
  const structure: Structure = {};
  for (const c of columns) {
    const table = (structure[c.TABLE_NAME] ??= { columns: {}, primaryKey: [], unique: [], indexes: [] });
    table.columns[c.COLUMN_NAME] = { nullable: c.IS_NULLABLE === 'YES', type: c.COLUMN_TYPE.replace(/^(int|bigint)\(\d+\)/, '$1').replace(/json/, 'longtext') };
  }
  const grouped = new Map<string, { table: string; unique: boolean; columns: string[] }>();
  for (const i of indexes) {
    const key = `${i.TABLE_NAME}.${i.INDEX_NAME}`;
    if (!grouped.has(key)) grouped.set(key, { table: i.TABLE_NAME, unique: Number(i.NON_UNIQUE) === 0, columns: [] });
    grouped.get(key)!.columns.push(i.COLUMN_NAME);
  }
  for (const [key, index] of grouped) {
    const table = structure[index.table]!;
    if (key.endsWith('.PRIMARY')) table.primaryKey = index.columns;
    else (index.unique ? table.unique : table.indexes).push(index.columns.join(','));
  }
  return sortIndexes(structure);
}

async function sqliteStructure(target: DatabaseTarget): Promise<Structure> {
  const tables = await rawQuery<{ name: string }>(target, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  const structure: Structure = {};
  for (const { name } of tables) {
    const table: Table = { columns: {}, primaryKey: [], unique: [], indexes: [] };
    const info = await rawQuery<{ name: string; type: string; notnull: number; pk: number }>(target, `PRAGMA table_info("${name}")`);
    for (const column of info) table.columns[column.name] = { nullable: column.notnull === 0 && column.pk === 0, type: column.type };
    table.primaryKey = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    for (const index of await rawQuery<{ name: string; unique: number; origin: string }>(target, `PRAGMA index_list("${name}")`)) {
      if (index.origin === 'pk') continue;
      const columns = (await rawQuery<{ name: string }>(target, `PRAGMA index_info("${index.name}")`)).map((c) => c.name).join(',');
      (index.unique ? table.unique : table.indexes).push(columns);
    }
    structure[name] = table;
  }
  return sortIndexes(structure);
}

function sortIndexes(structure: Structure): Structure {
  for (const table of Object.values(structure)) { table.unique.sort(); table.indexes.sort(); }
  return structure;
}

/** The live structure of the application's tables (the migration history table excluded). */
export async function actualStructure(target: DatabaseTarget): Promise<Structure> {
  const structure = target.dialect === 'mysql' ? await mysqlStructure(target) : await sqliteStructure(target);
  delete structure._prisma_migrations;
  return structure;
}

/** Human-readable differences, empty when the two agree. */
export function diffStructures(expected: Structure, actual: Structure): string[] {
  const problems: string[] = [];
  for (const name of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const e = expected[name], a = actual[name];
    if (!e) { problems.push(`table ${name} exists but is not in the schema`); continue; }
    if (!a) { problems.push(`table ${name} is missing`); continue; }
    for (const column of new Set([...Object.keys(e.columns), ...Object.keys(a.columns)])) {
      const ec = e.columns[column], ac = a.columns[column];
      if (!ec || !ac) problems.push(`${name}.${column} ${ec ? 'is missing' : 'is not in the schema'}`);
      else if (ec.nullable !== ac.nullable || ec.type !== ac.type) problems.push(`${name}.${column}: expected ${ec.type}${ec.nullable ? ' NULL' : ' NOT NULL'}, found ${ac.type}${ac.nullable ? ' NULL' : ' NOT NULL'}`);
    }
    for (const part of ['primaryKey', 'unique', 'indexes'] as const) {
      if (JSON.stringify(e[part]) !== JSON.stringify(a[part])) problems.push(`${name} ${part}: expected ${JSON.stringify(e[part])}, found ${JSON.stringify(a[part])}`);
    }
  }
  return problems;
}
