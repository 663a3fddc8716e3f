// 绑定 <邀请码>: binds the contact (in a private chat) and gives it the key as its remark.
import { reply, type Plugin } from '../engine/engine.ts';

export function bindingPlugin(): Plugin {
  return {
    name: 'binding',
    async handle({ command, message, api, state }) {
      if (command?.kind !== 'bind') return null;
      if (message.where.kind !== 'private') return reply('为保护邀请码，请私聊我发送“绑定 邀请码”。');
      const bound = await api.bind(command.code);
      state.boundKey = bound.contactKey;
      return { replies: [`绑定成功，${bound.name}同志您好！发送“练习”开始答题，发送“帮助”查看全部功能。`], remark: bound.contactKey };
    },
  };
}
