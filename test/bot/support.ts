// The bot on wechaty-puppet-mock against a real Xuefa server started for the test: people and
// groups as mock contacts and rooms, what the bot says to each collected, and a `say` that
// returns once the bot has answered.
import pino from 'pino';
import type { mock } from 'wechaty-puppet-mock';
import { createXuefaApi } from '../../bot/src/api/client.ts';
import { assembleBot, type AssembledBot } from '../../bot/src/assemble.ts';
import { loadBotConfig } from '../../bot/src/config.ts';
import { startMockWechaty, type MockWorld } from '../../bot/src/adapter/mock.ts';
import { SettledCounter } from '../../bot/src/adapter/settled.ts';
import type { TestApp } from '../support/app.ts';

export const BOT_KEY = 'e2e-bot-key-0001';

export type Person = { contact: mock.ContactMock; inbox: string[] };
export type Group = { room: mock.RoomMock; posts: string[] };

export type BotWorld = MockWorld & {
  assembled: AssembledBot;
  person(name: string, remark?: string): Person;
  group(topic: string, members: Person[]): Group;
  /** Sends a message (privately, or in a group) and waits until the bot has answered it. */
  say(from: Person, text: string, where?: Group): Promise<void>;
  stop(): Promise<void>;
};

export async function startBotWorld(app: TestApp, env: Record<string, string> = {}): Promise<BotWorld> {
  const world = await startMockWechaty();
  // Never quiet and no gaps: the pacing rules have their own tests; here time is the test's.
  const config = loadBotConfig({
    XUEFA_API_URL: app.running.url, BOT_API_KEY: BOT_KEY, BOT_ID: 'e2e-bot', BOT_QUIET_HOURS: '00:00-00:00',
    BOT_MIN_GAP_SECONDS: '0', BOT_JITTER_SECONDS: '0', BOT_FLOOD_PER_MINUTE: '100', ...env,
  });
  const api = createXuefaApi({ baseUrl: config.XUEFA_API_URL, botKey: config.BOT_API_KEY, botId: config.BOT_ID, timeoutMs: 3000 });
  const settled = new SettledCounter();
  const assembled = assembleBot(world.bot, api, config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), { onSettled: settled.mark, pollReminders: false });
  let sent = 0;
  const fromBot = (message: { talker(): { id: string } }) => message.talker().id === world.self.id;
  return {
    ...world, assembled,
    person(name, remark) {
      const contact = world.mocker.createContact({ name, ...(remark ? { alias: remark } : {}) });
      const inbox: string[] = [];
      contact.on('message', (message) => { if (fromBot(message) && !message.room()) inbox.push(message.text() ?? ''); });
      return { contact, inbox };
    },
    group(topic, members) {
      const room = world.mocker.createRoom({ topic, memberIdList: [world.self.id, ...members.map((m) => m.contact.id)] });
      const posts: string[] = [];
      room.on('message', (message) => { if (fromBot(message)) posts.push(message.text() ?? ''); });
      return { room, posts };
    },
    async say(from, text, where) {
      from.contact.say(text).to(where?.room ?? world.self);
      await settled.until(++sent);
    },
    async stop() {
      await assembled.stop();
      await world.bot.stop();
    },
  };
}

/** An invitation code issued through the API by the person's organiser. */
export async function invitationFor(app: TestApp, phone: string, organiser = 'organiser-east'): Promise<string> {
  const user = await app.running.deps.db.user.findUniqueOrThrow({ where: { phone } });
  const response = await app.call('POST', `/api/users/${user.id}/invitations`, { token: await app.tokenFor({ username: organiser }) });
  if (response.status !== 201) throw new Error(`invitation: ${JSON.stringify(response.body)}`);
  return response.body.data.code;
}
