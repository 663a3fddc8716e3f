// The console mode as people and scripts use it: `npm run bot -- --console --as <phone>` with
// lines piped to standard input, against a server started by the test.
import { spawn } from 'node:child_process';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { BOT_KEY } from '../support.ts';

type Context = { app: TestApp };

/** Runs the console with `input` on standard input; resolves with its output and exit code. */
function runConsole(app: TestApp, args: string[], input: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/src/main.ts', '--console', ...args], {
    env: { ...process.env, XUEFA_API_URL: app.running.url, BOT_API_KEY: BOT_KEY, LOG_LEVEL: 'error', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '', stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk; });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk; });
  child.stdin.end(input);
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) => child.on('close', (code) => {
    clearTimeout(killer);
    resolve({ code, stdout, stderr });
  }));
}

const test = suite<Context>('bot console mode [sqlite]', {} as Context);
test.before(async (context) => {
  context.app = await startTestApp('sqlite', { BOT_API_KEY: BOT_KEY, LOAD_BANK: 'full' });
});
test.after(async ({ app }) => app.close());

test('piped lines are the cadre\'s messages; every reply is printed; the answer reaches the server', async ({ app }) => {
  const { code, stdout, stderr } = await runConsole(app, ['--as', '13900000011'], '帮助\n练习 宪法 3\nA\n我的成绩\n');
  assert.is(code, 0, stderr);
  assert.match(stdout, '以 王建国 的身份');
  assert.match(stdout, '学法机器人可以：');
  assert.match(stdout, '第 1/3 题');
  assert.match(stdout, /回答正确|回答错误|没看懂您的答案/);
  assert.match(stdout, '暂无考试记录');
  const wang = await app.running.deps.db.user.findUniqueOrThrow({ where: { phone: '13900000011' } });
  const audits = await app.running.deps.db.auditLog.findMany({ where: { actorId: wang.id, action: { startsWith: 'bot.' } }, orderBy: { id: 'asc' } });
  assert.equal(audits.map((a) => a.action).filter((action) => action !== 'bot.practice.answer'), ['bot.bind', 'bot.practice.questions', 'bot.exams.read']);
});

test('--room: the lines are said in that group; unknown chat there gets no reply', async ({ app }) => {
  const { code, stdout } = await runConsole(app, ['--as', '13900000011', '--room', '东城县学法群'], '大家好\n每日一题\n');
  assert.is(code, 0);
  assert.match(stdout, '[东城县学法群] 学法机器人：\n本群尚未绑定单位');
  assert.is(stdout.split('学法机器人：').length - 1, 1, 'only the 每日一题 command was answered');
});

test('bad configuration and a missing --as are explained in Chinese, before anything starts', async ({ app }) => {
  const noKey = await runConsole(app, ['--as', '13900000011'], '', { BOT_API_KEY: '' });
  assert.is(noKey.code, 1);
  assert.match(noKey.stderr, 'BOT_API_KEY: 必须设置');
  const badQuiet = await runConsole(app, ['--as', '13900000011'], '', { BOT_QUIET_HOURS: '晚上' });
  assert.match(badQuiet.stderr, 'BOT_QUIET_HOURS: 应为 时:分-时:分');
  const noPhone = await runConsole(app, [], '');
  assert.match(noPhone.stderr, '终端对话需要 --as 手机号');
});

test('the server unreachable: the console still starts and answers, saying the service is unavailable', async ({ app }) => {
  const { code, stdout } = await runConsole(app, ['--as', '13900000011'], '我的任务\n', { XUEFA_API_URL: 'http://127.0.0.1:9' });
  assert.is(code, 0);
  assert.match(stdout, '未能按手机号 13900000011 绑定：服务暂时不可用');
  assert.match(stdout, '您尚未绑定');
});

test.run();
