import { parse, serialize } from 'cookie';
import type { IncomingMessage } from 'node:http';
import type { Context } from '../context.js';

export const SESSION_COOKIE = 'cocreate_session';

export function sessionToken(req: IncomingMessage): string | null {
  const header = req.headers.cookie;
  return header ? (parse(header)[SESSION_COOKIE] ?? null) : null;
}

function secure(ctx: Context) {
  return ctx.config.production || ctx.req.headers['x-forwarded-proto'] === 'https';
}

export function setSessionCookie(ctx: Context, token: string, expires: Date) {
  ctx.res?.appendHeader('Set-Cookie', serialize(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', expires, secure: secure(ctx) }));
}

export function clearSessionCookie(ctx: Context) {
  ctx.res?.appendHeader('Set-Cookie', serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', expires: new Date(0), secure: secure(ctx) }));
}
