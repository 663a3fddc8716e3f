// Messages are read on the 消息 page; "unread" is whatever arrived after the person last opened it
// (kept on the phone: the server records delivery, not reading).
import { request } from './request';

const SEEN_KEY = 'xuefa.messagesSeenAt';

/** When the person last opened their messages (server time of the newest one then). */
export function messagesSeenAt(): string {
  return wx.getStorageSync<string>(SEEN_KEY) || '';
}

export async function unreadCount(): Promise<number> {
  const seenAt = messagesSeenAt();
  const messages = await request('get', '/api/my/notifications', { query: { pageSize: 50 } });
  return messages.filter((m) => m.createdAt > seenAt).length;
}

export function markMessagesSeen(latest: string): void {
  if (latest > messagesSeenAt()) wx.setStorageSync(SEEN_KEY, latest);
}
