import type { Db } from '../db/client.ts';
import { UnauthenticatedError } from '../errors.ts';
import type { Actor } from './actor.ts';
import { sha256 } from './secrets.ts';
import { cachedActor, rememberActor } from './actor-cache.ts';

const LAST_USED_RESOLUTION_MS = 5 * 60_000;

/**
 * Resolves `Authorization: Bearer <token>` to an actor. No header → anonymous; a header with a
 * bad, expired or revoked token is an error rather than silently anonymous.
 */
export async function authenticate(db: Db, header: string): Promise<Actor | null> {
  if (!header) return null;
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header.trim());
  if (!match) throw new UnauthenticatedError('访问令牌格式不正确', 'token_invalid');
  const tokenHash = sha256(match[1]!);
  const cached = cachedActor(db, tokenHash, Date.now());
  if (cached) return cached;
  const row = await db.accessToken.findUnique({
    where: { tokenHash },
    select: {
      id: true, expiresAt: true, revokedAt: true, lastUsedAt: true,
      user: {
        select: {
          id: true, name: true, status: true, organizationId: true, organization: { select: { path: true } },
          roles: { select: { role: true, scopeOrganizationId: true, scopeOrganization: { select: { path: true } } } },
        },
      },
    },
  });
  const now = Date.now();
  if (!row || row.revokedAt || row.expiresAt.getTime() <= now || row.user.status !== 'active') {
    throw new UnauthenticatedError('登录已失效，请重新登录', 'token_invalid');
  }
  // Recording use on every request would turn each read into a write; a coarse stamp is enough.
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.accessToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  const { user } = row;
  const actor: Actor = {
    userId: user.id,
    name: user.name,
    organizationId: user.organizationId,
    organizationPath: user.organization.path,
    tokenId: row.id,
    roles: user.roles.map((grant) => ({
      role: grant.role,
      scopeOrganizationId: grant.scopeOrganizationId,
      scopePath: grant.scopeOrganization?.path ?? null,
    })),
  };
  rememberActor(db, tokenHash, actor, row.expiresAt.getTime(), now);
  return actor;
}
