import { DecisionChangedDocument, ProposalChangedDocument, type DecisionFieldsFragment } from '@cocreate/schema';
import { client } from '$lib/graphql/client';
import type { Problem } from '$lib/core/problem';
import { commands, fetchProposal, type Comment, type Outcome, type ProposalPage } from './commands';
import { mergeComments } from './comments';
import { toggledSupport } from './support';

/** What the page says after something happened: the viewer's own action, or news pushed live. */
export type { Notice } from '$lib/notice';
import type { Notice } from '$lib/notice';

type Detail = Omit<ProposalPage, 'comments'>;

/**
 * One open proposal page: the proposal, its comments and its owners' vote, kept current by the
 * viewer's own actions and by everyone else's (proposalChanged and decisionChanged).
 */
export class ProposalSession {
  proposal = $state<Detail>() as Detail;
  comments = $state<Comment[]>([]);
  commentsTotal = $state(0);
  commentsHasNext = $state(false);
  loadingComments = $state(false);
  notice = $state<Notice | null>(null);
  live = $state(false);

  #commentsCursor: string | null = null;
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;
  #refreshing: Promise<void> | null = null;

  constructor(page: ProposalPage) {
    const { comments, ...detail } = page;
    this.proposal = detail;
    this.comments = comments.edges.map((edge) => edge.node);
    this.commentsTotal = comments.totalCount;
    this.commentsHasNext = comments.pageInfo.hasNextPage;
    this.#commentsCursor = comments.pageInfo.endCursor;
  }

  get decision(): DecisionFieldsFragment | null {
    return this.proposal.decision;
  }

  /** Listens for supports, comments and status changes; returns the function that stops it. */
  subscribe(onLive: (before: Detail, after: Detail) => string | null): () => void {
    const { unsubscribe } = client.subscription(ProposalChangedDocument, { id: this.proposal.id }).subscribe((result) => {
      if (!result.data) {
        if (result.error) this.live = false;
        return;
      }
      this.live = true;
      const before = this.proposal;
      // The counts show at once; history, comments and any new vote follow with the refresh.
      // A card carries only its vote's status; the full vote comes with the refresh.
      const { decision: _cardDecision, ...card } = result.data.proposalChanged;
      this.proposal = { ...this.proposal, ...card };
      const news = onLive(before, this.proposal);
      if (news) this.notice = { kind: 'live', message: news };
      this.scheduleRefresh();
    });
    this.live = true;
    return () => {
      this.live = false;
      if (this.#refreshTimer) clearTimeout(this.#refreshTimer);
      unsubscribe();
    };
  }

  /** Follows the vote's participation and its close; returns the function that stops it. */
  subscribeDecision(id: string): () => void {
    const { unsubscribe } = client.subscription(DecisionChangedDocument, { id }).subscribe((result) => {
      const next = result.data?.decisionChanged;
      if (!next || this.proposal.decision?.id !== next.id) return;
      const closedNow = this.proposal.decision.status === 'OPEN' && next.status === 'CLOSED';
      this.proposal = { ...this.proposal, decision: next };
      if (closedNow) this.scheduleRefresh(); // the close is written into the history
    });
    return unsubscribe;
  }

  /** Many events in a row (a burst of supports) make one request. */
  scheduleRefresh(delay = 300): void {
    if (this.#refreshTimer) clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = null;
      void this.refresh();
    }, delay);
  }

  async refresh(): Promise<void> {
    this.#refreshing ??= this.#refresh().finally(() => (this.#refreshing = null));
    return this.#refreshing;
  }

  async #refresh(): Promise<void> {
    const hadAll = !this.commentsHasNext;
    const outcome = await fetchProposal(this.proposal.id);
    if (!outcome.ok || !outcome.value) return;
    const { comments, ...detail } = outcome.value;
    this.proposal = detail;
    this.commentsTotal = comments.totalCount;
    const firstPage = comments.edges.map((edge) => edge.node);
    if (!comments.pageInfo.hasNextPage) {
      this.comments = firstPage;
      this.commentsHasNext = false;
      this.#commentsCursor = comments.pageInfo.endCursor;
      return;
    }
    this.comments = mergeComments(this.comments, firstPage, true);
    // Someone who had read to the end sees new comments appear there.
    if (hadAll) await this.loadMoreComments();
  }

  async loadMoreComments(): Promise<void> {
    if (this.loadingComments) return;
    this.loadingComments = true;
    const outcome = await fetchProposal(this.proposal.id, this.#commentsCursor);
    this.loadingComments = false;
    if (!outcome.ok || !outcome.value) return;
    const { comments } = outcome.value;
    this.comments = mergeComments(
      this.comments,
      comments.edges.map((edge) => edge.node),
      false,
    );
    this.commentsTotal = comments.totalCount;
    this.commentsHasNext = comments.pageInfo.hasNextPage;
    if (comments.pageInfo.endCursor) this.#commentsCursor = comments.pageInfo.endCursor;
  }

  /** Support or withdraw, shown at once and put back if the server refuses. */
  async toggleSupport(): Promise<Problem | null> {
    const before = this.proposal;
    const optimistic = toggledSupport(before);
    this.proposal = { ...this.proposal, supportCount: optimistic.supportCount, viewerHasSupported: optimistic.viewerHasSupported };
    const outcome = await commands.support(before.id, optimistic.viewerHasSupported);
    if (!outcome.ok) {
      this.proposal = { ...this.proposal, supportCount: before.supportCount, viewerHasSupported: before.viewerHasSupported };
      return outcome.problem;
    }
    const { decision: _cardDecision, ...card } = outcome.value;
    this.proposal = { ...this.proposal, ...card };
    if (outcome.value.status !== before.status) await this.refresh(); // the threshold sent it to review
    return null;
  }

  /**
   * Runs one command, then shows the proposal as it now is and announces `done`. A step that is
   * no longer possible reloads the page's data, so the person sees why.
   */
  async run<T>(command: () => Promise<Outcome<T>>, done: string): Promise<Problem | null> {
    const outcome = await command();
    if (!outcome.ok) {
      if (['invalidTransition', 'conflict', 'notFound'].includes(outcome.problem.code)) await this.refresh();
      return outcome.problem;
    }
    await this.refresh();
    this.notice = { kind: 'done', message: done };
    return null;
  }

  /** The ballot replaces the decision on screen straight away (the answer carries the viewer's choice). */
  async vote(decision: () => Promise<Outcome<DecisionFieldsFragment>>): Promise<Problem | null> {
    const outcome = await decision();
    if (!outcome.ok) {
      if (outcome.problem.code === 'invalidTransition') await this.refresh();
      return outcome.problem;
    }
    this.proposal = { ...this.proposal, decision: outcome.value };
    return null;
  }
}
