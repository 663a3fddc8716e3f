// The signed-in person's token and profile, kept in wx storage so they survive the app being killed.
import type { paths } from '../typings/api';

/** The person as the login answers describe them. */
export type SessionUser = paths['/api/auth/wechat/bind']['post']['responses'][200]['content']['application/json']['data']['user'];

const TOKEN_KEY = 'xuefa.token';
const USER_KEY = 'xuefa.user';

export function getToken(): string {
  return wx.getStorageSync<string>(TOKEN_KEY) || '';
}

export function saveSession(token: string, user?: SessionUser): void {
  wx.setStorageSync(TOKEN_KEY, token);
  if (user) wx.setStorageSync(USER_KEY, user);
}

export function getUser(): SessionUser | null {
  return wx.getStorageSync<SessionUser | ''>(USER_KEY) || null;
}

export function clearSession(): void {
  wx.removeStorageSync(TOKEN_KEY);
  wx.removeStorageSync(USER_KEY);
}
