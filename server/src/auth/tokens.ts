import type { TokenClient } from '../../generated/mysql/enums.ts';
import type { Db } from '../db/client.ts';
import type { RequestMeta } from '../http/route.ts';
import { newOpaqueToken, sha256 } from './secrets.ts';
import { forgetActors } from './actor-cache.ts';

export type IssuedToken = { token: string; expiresAt: Date };

/** Issues an access token for a user; the caller learns the token once, the database only its hash. */
export async function issueAccessToken(db: Db, options: { userId: number; client: TokenClient; ttlHours: number; meta: RequestMeta }): Promise<IssuedToken> {
  const token = newOpaqueToken();
  const expiresAt = new Date(Date.now() + options.ttlHours * 3600_000);
  await db.accessToken.create({
    data: {
      tokenHash: sha256(token), userId: options.userId, client: options.client, expiresAt,
      ip: options.meta.ip.slice(0, 64), userAgent: options.meta.userAgent?.slice(0, 255) ?? null,
    },
  });
  return { token, expiresAt };
}

export async function revokeAccessToken(db: Db, tokenId: number): Promise<void> {
  forgetActors(db, { tokenId });
  await db.accessToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Ends every session of a user, e.g. when the account is disabled. */
export async function revokeAllTokensOfUser(db: Db, userId: number): Promise<void> {
  forgetActors(db, { userId });
  await db.accessToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
}
