import type http from 'node:http';
import express, { type Request, type Response } from 'express';
import type { Context } from '../context.js';
import type { WeChatConfig } from '../shared/config.js';
import { log } from '../observability/log.js';
import { WeChatApi, WeChatError } from './channels/wechat.js';
import { checkState, signState, stateKey } from './wechat.state.js';

export interface WeChatRouterOptions {
  context: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<Context>;
  wechat: WeChatConfig | null;
  /** The portal as people reach it: WeChat sends the browser back to `${publicUrl}/wechat/callback`. */
  publicUrl: string;
}

/** Every way a binding ends; the portal words each (`/inbox/settings?wechat=…`). */
export type BindingOutcome =
  'BOUND' | 'WECHAT_NOT_CONFIGURED' | 'CODE_MISSING' | 'CODE_INVALID' | 'STATE_INVALID' | 'STATE_EXPIRED' | 'WECHAT_SNAPSHOT_USER' | 'WECHAT_FAILED';

const CODE = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * WeChat web authorisation (网页授权, snsapi_base): `GET /wechat/connect` sends the signed-in browser to
 * WeChat with a signed state; WeChat sends it back to `GET /wechat/callback?code&state`, where the code
 * becomes the openid stored on the account. Both only ever redirect to fixed places: WeChat's
 * authorisation page, `/login`, or `/inbox/settings` with the outcome; nothing from the request
 * chooses where the browser goes next.
 */
export function wechatRouter({ context, wechat, publicUrl }: WeChatRouterOptions): express.Router {
  const router = express.Router();
  const api = wechat ? new WeChatApi(wechat) : null;
  const key = wechat ? stateKey(wechat.appSecret) : null;
  const done = (res: Response, outcome: BindingOutcome) => {
    res.set('cache-control', 'no-store').redirect(302, `/inbox/settings?wechat=${outcome}`);
  };
  const toLogin = (res: Response) => {
    res.set('cache-control', 'no-store').redirect(302, '/login');
  };

  router.get('/connect', async (req: Request, res: Response) => {
    try {
      const ctx = await context(req, res);
      if (!ctx.viewer) return toLogin(res);
      if (!api || !key) return done(res, 'WECHAT_NOT_CONFIGURED');
      const state = signState(key, ctx.viewer.sessionTokenHash, ctx.viewer.id, ctx.clock.now());
      res.set('cache-control', 'no-store').redirect(302, api.authorizeUrl(`${publicUrl}/wechat/callback`, state));
    } catch (error) {
      answerError(res, error);
    }
  });

  router.get('/callback', async (req: Request, res: Response) => {
    try {
      const ctx = await context(req, res);
      if (!ctx.viewer) return toLogin(res);
      if (!api || !key) return done(res, 'WECHAT_NOT_CONFIGURED');
      const { code, state } = req.query;
      // The state first: a callback this server did not start for this session is refused before WeChat is asked anything.
      const checked = checkState(key, state, ctx.viewer.sessionTokenHash, ctx.viewer.id, ctx.clock.now());
      if (checked !== 'OK') return done(res, checked);
      if (code === undefined || code === '') return done(res, 'CODE_MISSING');
      if (typeof code !== 'string' || !CODE.test(code)) return done(res, 'CODE_INVALID');
      let found: { openid: string; snapshotUser: boolean };
      try {
        found = await api.openidForCode(code);
      } catch (error) {
        // 40029: not a code; 40163: used already.
        if (error instanceof WeChatError && (error.errcode === 40029 || error.errcode === 40163)) return done(res, 'CODE_INVALID');
        log.warn({ err: error }, 'WeChat code exchange failed');
        return done(res, 'WECHAT_FAILED');
      }
      // A snapshot user (朋友圈快照页) has a stand-in openid that never receives messages.
      if (found.snapshotUser) return done(res, 'WECHAT_SNAPSHOT_USER');
      await ctx.services.notifications.bindWeChat(ctx.em, ctx.viewer, found.openid);
      done(res, 'BOUND');
    } catch (error) {
      answerError(res, error);
    }
  });

  return router;
}

function answerError(res: Response, error: unknown): void {
  const status = (error as { extensions?: { http?: { status?: number } } }).extensions?.http?.status;
  const code = (error as { extensions?: { code?: string } }).extensions?.code;
  if (status === 429 || code === 'TOO_MANY_REQUESTS' || code === 'SERVICE_UNAVAILABLE') {
    const retry = (error as { extensions?: { retryAfterSeconds?: number } }).extensions?.retryAfterSeconds ?? 5;
    res
      .status(status ?? 503)
      .set('retry-after', String(retry))
      .json({ errors: [{ message: (error as Error).message, extensions: { code } }] });
    return;
  }
  log.error({ err: error }, 'WeChat binding failed');
  res.status(500).json({ errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
}
