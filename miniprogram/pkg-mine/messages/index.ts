// 消息: reminders and notices the server sent me, newest first; opening the page marks them read.
import { formatDateTime } from '../../lib/format';
import { NOTIFICATION_KIND, labelOf } from '../../lib/labels';
import { markMessagesSeen, messagesSeenAt } from '../../services/messages';
import { errorMessage, request } from '../../services/request';

function textOf(payload: unknown): string {
  const text = payload && typeof payload === 'object' ? (payload as { text?: unknown }).text : undefined;
  return typeof text === 'string' ? text : '';
}

Component({
  data: { status: 'loading', message: '', messages: [] as { id: string; kindLabel: string; at: string; text: string; unread: boolean }[] },
  methods: {
    onLoad() {
      return this.load();
    },
    async load() {
      this.setData({ status: 'loading', message: '' });
      try {
        const seenAt = messagesSeenAt();
        const rows = await request('get', '/api/my/notifications', { query: { pageSize: 50 } });
        const messages = rows.map((m) => ({ id: m.id, kindLabel: labelOf(NOTIFICATION_KIND, m.kind), at: formatDateTime(m.createdAt), text: textOf(m.payload) || labelOf(NOTIFICATION_KIND, m.kind), unread: m.createdAt > seenAt }));
        this.setData({ status: messages.length ? 'ready' : 'empty', messages });
        if (rows[0]) markMessagesSeen(rows[0].createdAt);
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
  },
});
