// 我的: who I am, and the doors to my archive, exam history, study time, flags and messages;
// reminders consent and sign-out.
import { unreadCount } from '../../services/messages';
import { errorMessage, request, showError, type Data } from '../../services/request';
import { clearSession } from '../../services/session';
import { askForReminders } from '../../services/subscribe';

Component({
  data: { status: 'loading', message: '', me: null as Data<'/api/me', 'get'> | null, unread: 0 },
  methods: {
    onLoad() {
      return this.load();
    },
    async load() {
      this.setData({ status: 'loading', message: '' });
      try {
        const [me, unread] = await Promise.all([request('get', '/api/me'), unreadCount()]);
        this.setData({ status: 'ready', me, unread });
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    go(event: WechatMiniprogram.CustomEvent<{}, {}, { url: string }>) {
      wx.navigateTo({ url: event.currentTarget.dataset.url });
    },
    subscribe() {
      return askForReminders();
    },
    async logout() {
      try {
        await request('post', '/api/auth/logout');
      } catch (error) {
        showError(error);
        return;
      }
      clearSession();
      wx.reLaunch({ url: '/pages/login/index' });
    },
  },
});
