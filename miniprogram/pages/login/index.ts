// 登录/绑定: wx.login → the server; a bound cadre goes home, an unbound one binds by invitation code
// or by name + phone + organisation code (whichever the server allows), then is offered reminders
// with a tap of its own (a phone opens the consent dialog only within a tap).
import { config } from '../../config';
import { ApiError, errorMessage, loginWithWechat, request } from '../../services/request';
import { saveSession } from '../../services/session';
import { askForReminders, reminderTemplateIds } from '../../services/subscribe';

type Method = 'invitation' | 'identity';
const HOME = '/pages/home/index';

Component({
  data: {
    status: 'loading', message: '', devLogin: config.devLogin,
    bindTicket: '', canInvite: false, canIdentity: false, method: 'invitation' as Method,
    invitationCode: '', name: '', phone: '', organizationCode: '', devPhone: '',
    submitting: false, bindError: '',
    bound: false, reminderTemplates: null as string[] | null,
  },
  methods: {
    onLoad() {
      this.start();
    },
    async start() {
      this.setData({ status: 'loading', message: '' });
      try {
        const result = await loginWithWechat();
        if (result.status === 'bound') { wx.reLaunch({ url: HOME }); return; }
        const canInvite = result.bindMethods.includes('invitation');
        const canIdentity = result.bindMethods.includes('identity');
        this.setData({ status: 'ready', bindTicket: result.bindTicket, canInvite, canIdentity, method: canInvite ? 'invitation' : 'identity' });
      } catch (error) {
        // Without a real appid WeChat gives no usable code: the development login stays usable.
        this.setData({ status: config.devLogin ? 'ready' : 'error', message: errorMessage(error) });
      }
    },
    chooseMethod(event: WechatMiniprogram.CustomEvent<{}, {}, { method: Method }>) {
      this.setData({ method: event.currentTarget.dataset.method, bindError: '' });
    },
    onInput(event: WechatMiniprogram.CustomEvent<{ value: string }, {}, { field: string }>) {
      this.setData({ [event.currentTarget.dataset.field]: event.detail.value });
    },
    bindBody() {
      const { bindTicket, method, invitationCode, name, phone, organizationCode } = this.data;
      if (method === 'invitation') {
        if (!invitationCode.trim()) return '请填写邀请码';
        return { bindTicket, invitationCode: invitationCode.trim() };
      }
      if (!name.trim() || !phone.trim() || !organizationCode.trim()) return '请填写姓名、手机号和单位代码';
      return { bindTicket, name: name.trim(), phone: phone.trim(), organizationCode: organizationCode.trim() };
    },
    async bind() {
      const body = this.bindBody();
      if (typeof body === 'string') { this.setData({ bindError: body }); return; }
      this.setData({ submitting: true, bindError: '' });
      try {
        const session = await request('post', '/api/auth/wechat/bind', { body, anonymous: true });
        saveSession(session.token, session.user);
        const reminderTemplates = await reminderTemplateIds();
        if (!reminderTemplates?.length) { wx.reLaunch({ url: HOME }); return; }
        this.setData({ bound: true, reminderTemplates });
      } catch (error) {
        // An expired ticket needs a fresh wx.login; anything else is the server's explanation.
        if (error instanceof ApiError && error.code === 'bind_ticket_invalid') this.start();
        this.setData({ bindError: errorMessage(error) });
      } finally {
        this.setData({ submitting: false });
      }
    },
    /** Synchronously within the tap: the consent dialog, then home whatever the answer. */
    remind() {
      return askForReminders(this.data.reminderTemplates).then(() => wx.reLaunch({ url: HOME }));
    },
    skipReminders() {
      wx.reLaunch({ url: HOME });
    },
    async devSignIn() {
      const phone = this.data.devPhone.trim();
      if (!phone) { wx.showToast({ title: '请填写手机号', icon: 'none' }); return; }
      try {
        const session = await request('post', '/api/auth/dev/login', { body: { phone }, anonymous: true });
        saveSession(session.token, session.user);
        wx.reLaunch({ url: HOME });
      } catch (error) {
        wx.showToast({ title: errorMessage(error), icon: 'none' });
      }
    },
  },
});
