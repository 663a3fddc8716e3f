// Puts one bot together on a started Wechaty: the engine with its plugins, the pacer, the
// adapter and the reminders loop. main.ts (a real account), the console mode and the tests
// all assemble the same bot; only the puppet differs.
import type { Wechaty } from 'wechaty';
import type { XuefaApi } from './api/client.ts';
import type { BotConfig } from './config.ts';
import { Engine, type Logger } from './engine/engine.ts';
import { Pacer } from './engine/pacing.ts';
import { wechatySender, xuefaPlugin } from './adapter/wechaty.ts';
import { bindingPlugin } from './plugins/binding.ts';
import { dailyPlugin } from './plugins/daily.ts';
import { organiserPlugin } from './plugins/organiser.ts';
import { ownPlugin } from './plugins/own.ts';
import { quizPlugin } from './plugins/quiz.ts';
import { ReminderLoop } from './plugins/reminders.ts';

export type AssembledBot = { engine: Engine; pacer: Pacer; reminders: ReminderLoop; stop(): Promise<void> };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type AssembleOptions = {
  /** Called after each person's message has been answered (the console waits on it). */
  onSettled?: () => void;
  /** Poll the outbox on a timer (default); tests drive `reminders.pollOnce()` themselves. */
  pollReminders?: boolean;
};

export function assembleBot(bot: Wechaty, api: XuefaApi, config: BotConfig, logger: Logger, options: AssembleOptions = {}): AssembledBot {
  const engine = new Engine({ api, floodPerMinute: config.BOT_FLOOD_PER_MINUTE, logger })
    .use(bindingPlugin(), organiserPlugin(), quizPlugin(), dailyPlugin(), ownPlugin());
  const pacer = new Pacer(config.pacing, { now: Date.now, sleep, random: Math.random });
  bot.use(xuefaPlugin({ engine, pacer, logger, onSettled: options.onSettled }));
  const reminders = new ReminderLoop({ api, sender: wechatySender(bot, pacer), pacer, logger, pollMs: config.BOT_POLL_SECONDS * 1000, batch: config.BOT_CLAIM_BATCH });
  if (options.pollReminders !== false) reminders.start();
  return {
    engine, pacer, reminders,
    async stop() {
      await reminders.stop();
      await engine.idle();
    },
  };
}
