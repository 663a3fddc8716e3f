import type { Logger } from 'pino';
import type { Actor } from '../auth/actor.ts';

/** What middlewares put on `ctx.state` for later ones. */
export type AppState = {
  requestId: string;
  log: Logger;
  /** Set once the route has authenticated the caller. */
  actor?: Actor | null;
};
