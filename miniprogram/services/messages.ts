// Messages are read on the 消息 page; "unread" is whatever arrived after the person last opened it
// (kept on the phone: the server records delivery, not reading).
import { request } from './request';

const SEEN_KEY = 'xuefa.messagesSeenAt';

export async function unreadCount(): Promise<number> {
  const seenAt = wx.getStorageSync<string>(SEEN_KEY) || '';
  const messages = await request('get', '/api/my/notifications', { query: { pageSize: 50 } });
  return messages.filter((m) => m.createdAt > seenAt).length;
}

export function markMessagesSeen(latest: string): void {
  const seenAt = wx.getStorageSync<string>(SEEN_KEY) || '';
  if (latest > seenAt) wx.setStorageSync(SEEN_KEY, latest);
}
