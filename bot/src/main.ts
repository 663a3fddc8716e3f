// Starts the bot. `npm run bot` logs into WeChat with the puppet named by WECHATY_PUPPET (a QR
// code to scan appears in the terminal); `npm run bot -- --console --as <phone> [--room <name>]`
// runs the same bot on wechaty-puppet-mock with a terminal chat.
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import QRCode from 'qrcode';
import { WechatyBuilder, types } from 'wechaty';
import { createXuefaApi } from './api/client.ts';
import { BotConfigError, loadBotConfig, type BotConfig } from './config.ts';
import { assembleBot } from './assemble.ts';
import { CONSOLE_DEFAULTS, runConsole } from './adapter/console.ts';
import { loadPuppet, PuppetMissingError } from './adapter/puppet.ts';
import { createLogger } from './logger.ts';

const USAGE = '用法：npm run bot                          使用 WECHATY_PUPPET 登录真实微信账号\n      npm run bot -- --console --as 手机号 [--room 群名]   终端对话（wechaty-puppet-mock）';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function runReal(config: BotConfig, logger: ReturnType<typeof createLogger>) {
  const puppet = await loadPuppet(config);
  // The memory card keeps the login across restarts (no new QR scan); it lives with the other local data.
  mkdirSync('data', { recursive: true });
  const bot = WechatyBuilder.build({ name: 'data/xuefa-bot', puppet: puppet as never });
  bot.on('scan', (qrcode, status) => {
    if (status !== types.ScanStatus.Waiting && status !== types.ScanStatus.Timeout) return;
    QRCode.toString(qrcode, { type: 'terminal', small: true }).then((art) => process.stdout.write(`请用机器人的微信扫码登录：\n${art}\n`));
  });
  bot.on('login', (user) => logger.info({ user: user.name() }, '已登录'));
  bot.on('logout', (user) => logger.warn({ user: user.name() }, '已退出登录'));
  bot.on('error', (error) => logger.error({ reason: error.message }, 'wechaty error'));
  await bot.start();
  const assembled = assembleBot(bot, createXuefaApi({ baseUrl: config.XUEFA_API_URL, botKey: config.BOT_API_KEY, botId: config.BOT_ID }), config, logger);
  const shutdown = async () => {
    await assembled.stop();
    await bot.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

async function main() {
  const { values } = parseArgs({ options: { console: { type: 'boolean' }, as: { type: 'string' }, room: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) fail(USAGE);
  let config: BotConfig;
  try {
    config = loadBotConfig(process.env, values.console ? CONSOLE_DEFAULTS : {});
  } catch (error) {
    if (error instanceof BotConfigError) fail(error.message);
    throw error;
  }
  const logger = createLogger(process.env.LOG_LEVEL ?? (values.console ? 'warn' : 'info'));
  if (!values.console) return runReal(config, logger);
  if (!values.as) fail(`终端对话需要 --as 手机号（演示数据中的干部，例如 13900000011）\n${USAGE}`);
  const api = createXuefaApi({ baseUrl: config.XUEFA_API_URL, botKey: config.BOT_API_KEY, botId: config.BOT_ID });
  await runConsole({ api, config, logger, phone: values.as, room: values.room, input: process.stdin, output: process.stdout });
  process.exit(0);
}

main().catch((error) => fail(error instanceof PuppetMissingError ? error.message : `机器人启动失败：${(error as Error).stack ?? error}`));
