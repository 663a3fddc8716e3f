// The thin layer between Wechaty and the engine: a message becomes (who, where, text), the
// engine's replies go back through the pacer, a remark from binding is written to the contact,
// and the reminders plugin reaches people and groups by remark and group name.
import { types, type Wechaty, type WechatyPlugin, type Message } from 'wechaty';
import type { Engine, Logger } from '../engine/engine.ts';
import type { Pacer } from '../engine/pacing.ts';
import { UnreachableError, type Sender } from '../plugins/reminders.ts';

export type AdapterOptions = {
  engine: Engine;
  pacer: Pacer;
  logger: Logger;
  /** Called once a person's message has been answered (or failed), for drivers that wait on it. */
  onSettled?: () => void;
};

async function toIncoming(message: Message) {
  const talker = message.talker();
  const room = message.room();
  return {
    contactId: talker.id,
    remark: (await talker.alias()) ?? null,
    name: talker.name(),
    where: room ? { kind: 'room' as const, topic: await room.topic() } : { kind: 'private' as const },
    text: message.text(),
    mentioned: room ? await message.mentionSelf() : false,
  };
}

/** Feeds every incoming message to the engine and sends its answer; a failure is logged, never thrown. */
export function xuefaPlugin({ engine, pacer, logger, onSettled }: AdapterOptions): WechatyPlugin {
  return (bot: Wechaty) => {
    bot.on('message', async (message: Message) => {
      if (message.self()) return;
      try {
        const room = message.room();
        if (message.type() !== types.Message.Text) {
          if (!room) await pacer.send(() => message.talker().say('目前只能识别文字消息，发送“帮助”查看可用功能。'));
          return;
        }
        const outcome = await engine.handle(await toIncoming(message));
        if (outcome.remark) await message.talker().alias(outcome.remark);
        for (const text of outcome.replies) await pacer.send(() => (room ? room.say(text) : message.talker().say(text)));
      } catch (error) {
        logger.error({ err: error }, 'message not answered');
      } finally {
        onSettled?.();
      }
    });
  };
}

/** Delivery by remark (people) and group name (groups), through the pacer. */
export function wechatySender(bot: Wechaty, pacer: Pacer): Sender {
  return {
    async toContact(contactKey, text) {
      const contact = await bot.Contact.find({ alias: contactKey });
      if (!contact) throw new UnreachableError(`找不到备注为 ${contactKey} 的微信联系人（可能已删除好友或改了备注）`);
      await pacer.send(() => contact.say(text));
    },
    async toRoom(roomKey, text) {
      const room = await bot.Room.find({ topic: roomKey });
      if (!room) throw new UnreachableError(`机器人不在名为“${roomKey}”的群中（可能已被移出或群名已改）`);
      await pacer.send(() => room.say(text));
    },
  };
}
