import type { TokenClient } from '../../generated/mysql/enums.ts';
import type { Db } from '../db/client.ts';
import type { RequestMeta } from '../http/route.ts';
import { newOpaqueToken, sha256 } from './secrets.ts';
import { publishRevocation } from './revocations.ts';

export type IssuedToken = { token: string; expiresAt: Date };

/** Issues an access token for a user; the caller learns the token once, the database only its hash. */
export async function issueAccessToken(db: Db, options: { userId: number; client: TokenClient; ttlHours: number; meta: RequestMeta; now: Date }): Promise<IssuedToken> {
  const token = newOpaqueToken();
  const expiresAt = new Date(options.now.getTime() + options.ttlHours * 3600_000);
  await db.accessToken.create({
    data: {
      tokenHash: sha256(token), userId: options.userId, client: options.client, expiresAt,
      ip: options.meta.ip.slice(0, 64), userAgent: options.meta.userAgent?.slice(0, 255) ?? null,
    },
  });
  return { token, expiresAt };
}

/** Logout: the token is refused at once here and within a second on every other process. */
export async function revokeAccessToken(db: Db, tokenId: number): Promise<void> {
  await db.accessToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: new Date() } });
  await publishRevocation(db, { tokenId });
}

/** Ends every session of a user, e.g. when the account is disabled. */
export async function revokeAllTokensOfUser(db: Db, userId: number): Promise<void> {
  await db.accessToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  await publishRevocation(db, { userId });
}
