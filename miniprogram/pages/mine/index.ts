// 我的: who I am, and the doors to my archive, exam history, study time, flags and messages;
// reminders consent and sign-out.
import { unreadCount } from '../../services/messages';
import { errorMessage, request, showError, type Data } from '../../services/request';
import { clearSession } from '../../services/session';
import { askForReminders, reminderTemplateIds } from '../../services/subscribe';

Component({
  data: { status: 'loading', message: '', me: null as Data<'/api/me', 'get'> | null, unread: 0, reminderTemplates: null as string[] | null },
  methods: {
    onLoad() {
      return this.load();
    },
    async load() {
      this.setData({ status: 'loading', message: '' });
      try {
        // The template ids come with the page, so the reminders tap opens the consent dialog at once.
        const [me, unread, reminderTemplates] = await Promise.all([request('get', '/api/me'), unreadCount(), reminderTemplateIds()]);
        this.setData({ status: 'ready', me, unread, reminderTemplates });
      } catch (error) {
        this.setData({ status: 'error', message: errorMessage(error) });
      }
    },
    go(event: WechatMiniprogram.CustomEvent<{}, {}, { url: string }>) {
      wx.navigateTo({ url: event.currentTarget.dataset.url });
    },
    subscribe() {
      return askForReminders(this.data.reminderTemplates);
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
