// The question-bank command.
//   npm run bank -- check                                   validate question-bank/ (no database)
//   npm run bank -- export --out FILE.jsonl|.xlsx [--law SLUG] [--tag TAG] [--type TYPE] [--org CODE]
//   npm run bank -- import FILE [--org CODE] [--clean-rows] [--dry-run]
//   npm run bank -- template --out FILE.xlsx
//   npm run bank -- revise --law SLUG --file FILE.md --revised-on YYYY-MM-DD --source TEXT
// Commands other than check and template work on the database named by DATABASE_URL (default
// the embedded SQLite file), migrated and loaded with the shipped bank as LOAD_BANK says.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import pino from 'pino';
import { checkBank } from '../src/bank/checks.ts';
import { loadQuestionLines, loadStatutes } from '../src/bank/files.ts';
import { writeTemplateXlsx } from '../src/bank/sheet/write.ts';
import type { Db } from '../src/db/client.ts';
import { ConfigError, loadConfig } from '../src/env.ts';
import { AppError, ImportRejectedError } from '../src/errors.ts';
import type { Actor } from '../src/auth/actor.ts';
import type { QuestionOwner } from '../src/questions/content.ts';
import { questionWhere, type QuestionFilterInput } from '../src/questions/queries.ts';
import { exportableQuestions, importQuestionFile, questionFile } from '../src/questions/transfer.ts';
import { loadBank, prepareDeps } from '../src/server.ts';
import { loadStatuteRevision } from '../src/statutes/loader.ts';
import { printCheckReport } from './bank-report.ts';

const USAGE = `用法：
  npm run bank -- check
  npm run bank -- export --out 文件.jsonl|文件.xlsx [--law 法规标识] [--tag 标签] [--type single|multiple|judge|fill] [--org 单位代码]
  npm run bank -- import 文件.xlsx|.csv|.jsonl [--org 单位代码] [--clean-rows] [--dry-run]
  npm run bank -- template --out 模板.xlsx
  npm run bank -- revise --law 法规标识 --file 新文本.md --revised-on YYYY-MM-DD --source 来源`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string' }, law: { type: 'string' }, tag: { type: 'string' }, type: { type: 'string' }, org: { type: 'string' },
    file: { type: 'string' }, 'revised-on': { type: 'string' }, source: { type: 'string' },
    'clean-rows': { type: 'boolean' }, 'dry-run': { type: 'boolean' },
  },
});

/** The command line is the installation's operator: it sees every question. It never writes as this actor. */
const OPERATOR: Actor = { userId: 0, name: '命令行', organizationId: 0, organizationPath: '/', tokenId: 0, roles: [{ role: 'admin', scopeOrganizationId: null, scopePath: null }] };

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

async function openBankDatabase(): Promise<Db> {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  const logger = pino({ level: config.LOG_LEVEL });
  const { deps } = await prepareDeps(config, logger);
  await loadBank(deps);
  return deps.db;
}

async function ownerFromOption(db: Db): Promise<QuestionOwner> {
  if (!values.org) return { kind: 'national' };
  const organization = await db.organization.findUnique({ where: { code: values.org }, select: { id: true } });
  if (!organization) fail(`没有代码为 ${values.org} 的单位`);
  return { kind: 'organization', organizationId: organization.id };
}

async function exportCommand(db: Db): Promise<void> {
  if (!values.out) fail(USAGE);
  const format = values.out.endsWith('.xlsx') ? 'xlsx' : 'jsonl';
  if (values.type && !['single', 'multiple', 'judge', 'fill'].includes(values.type)) fail(`--type 应为 single、multiple、judge 或 fill`);
  const owner = await ownerFromOption(db);
  const where = await questionWhere(db, OPERATOR, {
    statute: values.law, tag: values.tag, type: values.type as QuestionFilterInput['type'],
    ...(owner.kind === 'national' ? { owner: 'national' as const } : { organizationId: owner.organizationId }),
  }, { not: 'retired' });
  const questions = await exportableQuestions(db, where);
  const file = await questionFile(db, questions, format, 'export');
  writeFileSync(values.out, file.body);
  console.log(`已导出 ${questions.length} 道题目到 ${values.out}`);
}

async function importCommand(db: Db): Promise<void> {
  const path = positionals[1] ?? fail(USAGE);
  const owner = await ownerFromOption(db);
  const bar = new SingleBar({ format: '写入题目 [{bar}] {percentage}% | {value}/{total}', hideCursor: true }, Presets.shades_classic);
  let started = false;
  try {
    const result = await importQuestionFile({
      db, owner, file: { name: basename(path), buffer: readFileSync(path) }, mode: values['clean-rows'] ? 'clean-rows' : 'all', dryRun: values['dry-run'] ?? false, actorId: null,
      onProgress: (done, total) => { if (!started) { bar.start(total, 0); started = true; } bar.update(done); },
    });
    if (started) bar.stop();
    for (const issue of result.issues) console.log(`  第 ${issue.row} 行 [${issue.column}] ${issue.message}`);
    const verb = result.dryRun ? '检查完成（未写入）' : '导入完成';
    console.log(`${verb}：新增 ${result.created}，更新 ${result.updated}，未变 ${result.unchanged}，跳过有错误的行 ${result.skipped}，空行 ${result.emptyRows}`);
  } catch (error) {
    if (started) bar.stop();
    if (error instanceof ImportRejectedError) {
      for (const issue of error.details as Array<{ row: number; column: string; message: string }>) console.error(`  第 ${issue.row} 行 [${issue.column}] ${issue.message}`);
    }
    throw error;
  }
}

async function reviseCommand(db: Db): Promise<void> {
  const { law, file, source } = values;
  const revisedOn = values['revised-on'];
  if (!law || !file || !revisedOn || !source) fail(USAGE);
  const outcome = await loadStatuteRevision(db, { slug: law, markdown: readFileSync(file, 'utf8'), revisedOn, source });
  console.log(`结果：${outcome.outcome}；条文有变化 ${outcome.changedArticles.length} 条（${outcome.changedArticles.join('、') || '无'}），新增 ${outcome.addedArticles.length} 条，删除 ${outcome.removedArticles.length} 条；标记待复核题目 ${outcome.flaggedQuestions} 道`);
}

async function main(): Promise<void> {
  const command = positionals[0];
  if (command === 'check') {
    const report = checkBank(loadQuestionLines(), loadStatutes());
    printCheckReport(report);
    process.exit(report.problems.length ? 1 : 0);
  }
  if (command === 'template') {
    if (!values.out) fail(USAGE);
    writeFileSync(values.out, await writeTemplateXlsx());
    console.log(`已写出导入模板 ${values.out}`);
    return;
  }
  const commands: Record<string, (db: Db) => Promise<void>> = { export: exportCommand, import: importCommand, revise: reviseCommand };
  const run = commands[command ?? ''] ?? fail(USAGE);
  const db = await openBankDatabase();
  try { await run(db); } finally { await db.$disconnect(); }
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof AppError) fail(error.message, 1);
  throw error;
});
