import Koa from 'koa';
import Router from '@koa/router';
import cors from '@koa/cors';
import type { AppDeps } from './deps.ts';
import type { AppState } from './http/state.ts';
import type { RouteSpec } from './http/route.ts';
import { mountRoutes } from './http/mount.ts';
import { buildOpenApiDocument } from './http/openapi.ts';
import { errorHandler } from './middlewares/errors.ts';
import { jsonBody } from './middlewares/json-body.ts';
import { requestContext } from './middlewares/request-context.ts';
import { securityHeaders } from './middlewares/security-headers.ts';
import { consoleStatic } from './console/static.ts';
import { bindPage } from './users/bind-page.ts';
import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { organizationRoutes } from './organizations/routes.ts';
import { practiceRoutes } from './practice/routes.ts';
import { questionRoutes } from './questions/routes.ts';
import { examRoutes } from './exams/routes.ts';
import { studyRoutes } from './study/routes.ts';
import { meetingRoutes } from './meetings/routes.ts';
import { campaignRoutes } from './campaigns/routes.ts';
import { jobRunRoutes } from './jobs/routes.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { subscribeRoutes } from './notifications/subscribe-routes.ts';
import { botRoutes } from './bot/routes.ts';
import { statuteRoutes } from './statutes/routes.ts';
import { systemRoutes } from './system/routes.ts';
import { userRoutes } from './users/routes.ts';
import { dashboardRoutes } from './dashboard/routes.ts';
import { sessionEvidenceRoutes } from './study/evidence-route.ts';

export const API_VERSION = '0.1.0';

/** Every route of the API, in one list: mounted, documented and walked by the authz test. */
export function allRoutes(deps: AppDeps): RouteSpec[] {
  const domainRoutes = [...authRoutes(deps.config), ...organizationRoutes, ...userRoutes, ...auditRoutes, ...statuteRoutes, ...questionRoutes, ...examRoutes, ...practiceRoutes, ...studyRoutes, ...meetingRoutes, ...campaignRoutes, ...notificationRoutes, ...subscribeRoutes, ...botRoutes, ...jobRunRoutes, ...dashboardRoutes, ...sessionEvidenceRoutes];
  let document: unknown;
  const routes: RouteSpec[] = [...systemRoutes(() => (document ??= buildOpenApiDocument(routes, API_VERSION))), ...domainRoutes];
  return routes;
}

/** Builds the Koa application; error handling comes first so it sees every failure. */
export function createApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>({ proxy: deps.config.TRUST_PROXY });
  const router = new Router<AppState>();
  const hotRouter = new Router<AppState>();
  mountRoutes({ hot: hotRouter, main: router }, allRoutes(deps), deps);

  app.use(requestContext(deps.logger));
  app.use(errorHandler());
  app.use(securityHeaders());
  app.use(cors({
    // Only the console's own origin may call the API from a browser.
    origin: (ctx) => (ctx.get('origin') === deps.config.CONSOLE_ORIGIN ? deps.config.CONSOLE_ORIGIN : ''),
    allowHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposeHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  }));
  app.use(jsonBody(deps.config.BODY_LIMIT_KB));
  app.use(consoleStatic());
  app.use(bindPage());
  app.use(hotRouter.routes());
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: true }));
  return app;
}
