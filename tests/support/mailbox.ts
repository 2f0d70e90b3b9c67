import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  messageId: string;
  subject: string;
  /** The text part, transfer encoding undone. */
  text: string;
  raw: string;
}

function parse(raw: string, from: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  let body = raw.slice(split + 4);
  const encoding = (/^Content-Transfer-Encoding:\s*(\S+)/im.exec(head)?.[1] ?? '').toLowerCase();
  if (encoding === 'quoted-printable') {
    body = Buffer.from(
      body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  } else if (encoding === 'base64') {
    body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  const subject = decodeWordsJoined(head);
  return { from, to, messageId: /^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? '', subject, text: body.replace(/\r\n/g, '\n'), raw };
}

function decodeWordsJoined(head: string): string {
  const m = /^Subject:([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/im.exec(head);
  if (!m) return '';
  const words = [...m[1]!.matchAll(/=\?utf-8\?([bq])\?([^?]*)\?=/gi)];
  if (!words.length) return m[1]!.replace(/\r?\n[ \t]/g, ' ').trim();
  // Encoded words split a character's bytes across words: join the bytes before decoding.
  const bytes = Buffer.concat(
    words.map(([, enc, data]) =>
      enc!.toLowerCase() === 'b'
        ? Buffer.from(data!, 'base64')
        : Buffer.from(
            data!.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ),
    ),
  );
  return bytes.toString('utf8');
}

/** A real SMTP server in the test's process (smtp-server), keeping every message it accepts. */
export async function startMailbox(options: { user?: string; password?: string } = {}) {
  const mails: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  /** Answers the next n messages to an address with a temporary failure (451), as a busy server would. */
  const refuse = new Map<string, number>();
  /** Called with each accepted message before the server answers 250 (a test may kill the sender here). */
  let accepted: ((mail: ReceivedMail) => Promise<void> | void) | null = null;
  const server = new SMTPServer({
    authOptional: !options.user,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const to = session.envelope.rcptTo.map((r) => r.address).find((a) => (refuse.get(a) ?? 0) > 0);
        if (to) {
          refuse.set(to, refuse.get(to)! - 1);
          const error = new Error('Try again later') as Error & { responseCode: number };
          error.responseCode = 451;
          callback(error);
          return;
        }
        const mail = parse(
          Buffer.concat(chunks).toString('utf8'),
          session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          session.envelope.rcptTo.map((r) => r.address),
        );
        mails.push(mail);
        for (const w of waiters.splice(0)) w();
        if (accepted) await accepted(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  const auth = options.user ? `${encodeURIComponent(options.user)}:${encodeURIComponent(options.password ?? '')}@` : '';
  return {
    url: `smtp://${auth}127.0.0.1:${port}`,
    mails,
    onAccepted(hook: ((mail: ReceivedMail) => Promise<void> | void) | null) {
      accepted = hook;
    },
    refuseNext(address: string, n: number) {
      refuse.set(address, n);
    },
    async waitFor(predicate: (m: ReceivedMail) => boolean, timeoutMs = 15_000): Promise<ReceivedMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = mails.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`No such mail within ${timeoutMs} ms; got ${mails.length}: ${mails.map((m) => m.subject).join(' | ')}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
