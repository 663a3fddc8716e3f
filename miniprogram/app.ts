// App entry: signs in silently at launch when a token is missing; pages redirect to login when the
// person still has to bind.
import { getToken } from './services/session';
import { loginWithWechat } from './services/request';

App({
  onLaunch() {
    if (getToken()) return;
    loginWithWechat().then((result) => {
      if (result.status === 'unbound') wx.reLaunch({ url: '/pages/login/index' });
    }).catch(() => wx.reLaunch({ url: '/pages/login/index' }));
  },
});
