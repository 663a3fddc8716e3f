// Who is signed in, and what they may do (from /api/me). Pages and the menu read this.
import { reactive } from 'vue';
import { api, call, type paths } from '../api/client';
import { clearSession, readToken, saveToken } from './token';

export type Me = paths['/api/me']['get']['responses'][200]['content']['application/json']['data'];
export type Permission = Me['permissions'][number];

export const session = reactive<{ me: Me | null }>({ me: null });

/** Loads /api/me once per tab: 'expired' when the tab's token is no longer accepted. */
export async function ensureSignedIn(): Promise<'signed-in' | 'signed-out' | 'expired'> {
  if (session.me) return 'signed-in';
  if (!readToken()) return 'signed-out';
  try {
    session.me = await call(api.GET('/api/me'));
    return 'signed-in';
  } catch {
    forgetSession();
    return 'expired';
  }
}

export async function signIn(username: string, password: string): Promise<void> {
  const signed = await call(api.POST('/api/auth/staff/login', { body: { username, password } }));
  saveToken(signed.token);
  session.me = null;
  await ensureSignedIn();
}

export async function signOut(): Promise<void> {
  // The token is revoked on the server; a failure (already expired) still signs out here.
  await call(api.POST('/api/auth/logout')).catch(() => undefined);
  forgetSession();
}

export function forgetSession(): void {
  clearSession();
  session.me = null;
}

export function can(permission: string | undefined): boolean {
  if (!permission) return true;
  return (session.me?.permissions as string[] | undefined)?.includes(permission) ?? false;
}

/** Staff accounts only: a cadre has no permission and no use for the console. */
export function isStaff(): boolean {
  return (session.me?.permissions.length ?? 0) > 0;
}
