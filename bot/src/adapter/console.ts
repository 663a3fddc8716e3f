// The console mode: the same bot on wechaty-puppet-mock, with a terminal chat. Each line read
// from standard input is a message from the cadre (or, with --room, from the cadre in that
// group); each reply is printed. Lines are sent one at a time, each after the previous one has
// been answered, so piped input behaves like a person typing.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { XuefaApi } from '../api/client.ts';
import type { BotConfig } from '../config.ts';
import type { Logger } from '../engine/engine.ts';
import { assembleBot } from '../assemble.ts';
import { startMockWechaty } from './mock.ts';
import { SettledCounter } from './settled.ts';

/** Faster pace for a terminal: nobody is watching this account. Explicit settings still win. */
export const CONSOLE_DEFAULTS = { BOT_MIN_GAP_SECONDS: '0', BOT_JITTER_SECONDS: '0', BOT_POLL_SECONDS: '3', BOT_ID: `xuefa-console-${process.pid}` };

export type ConsoleOptions = { api: XuefaApi; config: BotConfig; logger: Logger; phone: string; room?: string; input: Readable; output: Writable };

export async function runConsole({ api, config, logger, phone, room, input, output }: ConsoleOptions): Promise<void> {
  const world = await startMockWechaty();
  const settled = new SettledCounter();
  const assembled = assembleBot(world.bot, api, config, logger, { onSettled: settled.mark });
  const bound = await api.devBind(phone).catch((error: Error) => {
    output.write(`（未能按手机号 ${phone} 绑定：${error.message}。可发送“绑定 邀请码”绑定。）\n\n`);
    return null;
  });
  const person = world.mocker.createContact({ name: bound?.name ?? phone, ...(bound ? { alias: bound.contactKey } : {}) });
  const group = room ? world.mocker.createRoom({ topic: room, memberIdList: [world.self.id, person.id] }) : undefined;
  const print = (prefix: string) => (message: { talker(): { id: string }; text(): string | undefined }) => {
    if (message.talker().id === world.self.id) output.write(`${prefix}学法机器人：\n${message.text() ?? ''}\n\n`);
  };
  // The person sees the bot's private replies, and in the group everything the bot posts there.
  person.on('message', (message) => { if (!message.room()) print('')(message); });
  group?.on('message', print(`[${room}] `));
  output.write(`终端对话：以 ${bound?.name ?? phone} 的身份${room ? `在群“${room}”中` : ''}与学法机器人对话，输入消息后回车。\n\n`);

  let sent = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    person.say(line).to(group ?? world.self);
    await settled.until(++sent);
  }
  await assembled.stop();
  await world.bot.stop();
}
