// 签到: the code scanned at an offline study meeting, checked by the server (expiry, invitation, time).
import { request, type Data } from './request';

export type CheckIn = Data<'/api/meetings/check-in', 'post'>;

export function checkIn(code: string): Promise<CheckIn> {
  return request('post', '/api/meetings/check-in', { body: { code } });
}
