import { InboxChangedDocument, MarkNotificationsReadDocument, UnreadNotificationCountDocument } from '@cocreate/schema';
import { read, send } from '$lib/core/operations';
import { client } from '$lib/graphql/client';

/** The signed-in person's unread count, kept live while anything on screen shows it. */
class Inbox {
  unread = $state(0);
  /** Goes up each time something lands in the inbox: lists that depend on news reload on it. */
  version = $state(0);

  #users = 0;
  #stop: (() => void) | null = null;

  /** Starts following the inbox (shared by everyone who calls it); returns the function that stops. */
  follow(): () => void {
    if (this.#users++ === 0) {
      void this.#count();
      this.#stop = client.subscription(InboxChangedDocument, {}).subscribe((result) => {
        if (result.data) {
          this.unread = result.data.inboxChanged;
          this.version += 1;
        }
      }).unsubscribe;
    }
    return () => {
      if (--this.#users === 0) {
        this.#stop?.();
        this.#stop = null;
      }
    };
  }

  /** Marks the given notifications, or all of them, as read. */
  async markRead(ids: string[] | null): Promise<boolean> {
    const done = await send(MarkNotificationsReadDocument, { ids }, () => true);
    if (!done.ok) return false;
    await this.#count();
    return true;
  }

  async #count(): Promise<void> {
    const done = await read(UnreadNotificationCountDocument, {}, (d) => d.unreadNotificationCount);
    if (done.ok) this.unread = done.value;
  }
}

export const inbox = new Inbox();
