import { untrack } from 'svelte';
import { ReviewChangedDocument } from '@cocreate/schema';
import { client } from '$lib/graphql/client';
import type { Problem } from '$lib/core/problem';
import { fetchReview, type Outcome } from './commands';
import type { Review } from './review';

/** What the page says after something happened: the viewer's own action, or news pushed live. */
export type { Notice } from '$lib/notice';
import type { Notice } from '$lib/notice';

/** One review on screen, kept current by the viewer's own actions and by reviewChanged. */
export class ReviewSession {
  review = $state() as Review;
  notice = $state<Notice | null>(null);
  live = $state(false);

  constructor(review: Review) {
    this.review = review;
  }

  /** Listens for scores, recusals, objections and status changes; returns the function that stops it. */
  subscribe(onLive: (before: Review, after: Review) => string | null): () => void {
    // Only the id matters here: the effect that subscribes must not restart on every change.
    const id = untrack(() => this.review.id);
    const { unsubscribe } = client.subscription(ReviewChangedDocument, { id }).subscribe((result) => {
      const next = result.data?.reviewChanged;
      if (!next) {
        if (result.error) this.live = false;
        return;
      }
      this.live = true;
      const before = this.review;
      this.review = next;
      const news = onLive(before, next);
      if (news) this.notice = { kind: 'live', message: news };
    });
    this.live = true;
    return () => {
      this.live = false;
      unsubscribe();
    };
  }

  async refresh(): Promise<void> {
    const outcome = await fetchReview(this.review.id);
    if (outcome.ok && outcome.value) this.review = outcome.value;
  }

  /**
   * Runs one command and shows the review as it now is. A step that is no longer possible reloads
   * the review too, so the person sees why.
   */
  async run<T>(command: () => Promise<Outcome<T>>, done: string): Promise<Problem | null> {
    const outcome = await command();
    if (!outcome.ok) {
      if (['invalidTransition', 'conflict', 'notFound', 'forbidden'].includes(outcome.problem.code)) await this.refresh();
      return outcome.problem;
    }
    const value: unknown = outcome.value;
    if (isReview(value, this.review.id)) this.review = value;
    else await this.refresh();
    this.notice = { kind: 'done', message: done };
    return null;
  }
}

function isReview(value: unknown, id: string): value is Review {
  return typeof value === 'object' && value !== null && 'rubric' in value && (value as { id?: unknown }).id === id;
}
