import type { NextFunction, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from './shared/config.js';

export const RATE_WINDOW_SECONDS = 10;

/**
 * How many requests one client may make, per process: signed out, per client address (a flood of
 * anonymous documents is the cheapest attack); signed in, per person, so that many residents
 * behind one carrier NAT are not counted as one. A made-up cookie finds no person and counts
 * against its address. rate-limiter-flexible keeps the counters (a well-kept limiter with an
 * exact sliding expiry; memory is enough, since the point is to protect this process).
 */
export class RequestLimiter {
  private readonly anonymous: RateLimiterMemory | null;
  private readonly person: RateLimiterMemory | null;

  constructor(limits: Config['rateLimit']) {
    const make = (points: number) => (points > 0 ? new RateLimiterMemory({ points, duration: RATE_WINDOW_SECONDS }) : null);
    this.anonymous = make(limits.anonymous);
    this.person = make(limits.person);
  }

  /** Counts one request; throws a 429 GraphQL error with Retry-After once the client is over. */
  async count(client: { personId: string | null; address: string }): Promise<void> {
    const wait = await this.secondsToWait(client);
    if (wait) throw tooManyRequests(wait);
  }

  /**
   * For requests without a session cookie: counted and, when over, answered before the body is
   * even read, so a flood of anonymous documents costs next to nothing. Requests with a cookie are
   * counted once the cookie's person is known (`count`).
   */
  anonymousRequests(hasSession: (req: Request) => boolean) {
    return async (req: Request, res: Response, next: NextFunction) => {
      if (hasSession(req)) return next();
      const wait = await this.secondsToWait({ personId: null, address: req.socket.remoteAddress ?? 'unknown' });
      if (!wait) return next();
      const error = tooManyRequests(wait);
      res
        .status(429)
        .set('retry-after', String(wait))
        .json({ errors: [{ message: error.message, extensions: { code: 'TOO_MANY_REQUESTS', reason: 'RATE_LIMITED', retryAfterSeconds: wait } }] });
    };
  }

  private async secondsToWait(client: { personId: string | null; address: string }): Promise<number> {
    const limiter = client.personId ? this.person : this.anonymous;
    if (!limiter) return 0;
    try {
      await limiter.consume(client.personId ?? client.address);
      return 0;
    } catch (result) {
      if (!(result instanceof RateLimiterRes)) throw result;
      return Math.max(1, Math.ceil(result.msBeforeNext / 1000));
    }
  }
}

export const tooManyRequests = (retryAfterSeconds: number) =>
  new GraphQLError(`Too many requests; try again in ${retryAfterSeconds} s.`, {
    extensions: {
      code: 'TOO_MANY_REQUESTS',
      reason: 'RATE_LIMITED',
      retryAfterSeconds,
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
