// The attacking side of bench/under-attack.ts, in a process of its own so that its busy loops do
// not slow down the measuring side. Sends from 127.0.0.2 (all of 127/8 is this machine), as a
// stranger would from another address. Prints its counts as one JSON line when time is up.
import http from 'node:http';

const url = process.env.ATTACK_URL;
const kinds = process.env.ATTACKS.split(',');
const attackers = Number(process.env.ATTACKERS);
const until = Date.now() + Number(process.env.DURATION) * 1000;

/** Fragments that each spread the next one twice: 2^levels paths for a naive depth rule. */
function fragmentBomb(levels) {
  const fragments = [`fragment F${levels} on Query { me { id } }`];
  for (let i = levels - 1; i >= 0; i--) fragments.push(`fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
  return `query { ...F0 } ${fragments.join(' ')}`;
}
const documents = {
  fragments: fragmentBomb(30),
  aliases: `{ ${Array.from({ length: 2000 }, (_, i) => `a${i}: proposals(first: 100) { totalCount }`).join(' ')} }`,
  logins: 'mutation { login(email: "owner7@lakeside.test", password: "wrong-guess") { id } }',
};

const agent = new http.Agent({ keepAlive: true, localAddress: '127.0.0.2' });
const send = (query) =>
  new Promise((resolve) => {
    const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (response) => {
      let text = '';
      response
        .setEncoding('utf8')
        .on('data', (d) => (text += d))
        .on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on('error', () => resolve(null));
    request.end(JSON.stringify({ query }));
  });

const counts = { sent: 0, refused: 0, throttled: 0, errors5xx: 0 };
async function attacker(kind) {
  while (Date.now() < until) {
    const response = await send(documents[kind]);
    counts.sent++;
    if (!response || response.status >= 500) counts.errors5xx++;
    else if (response.status === 429) counts.throttled++;
    else if (response.status !== 200 || /"errors"/.test(response.text)) counts.refused++;
  }
}
await Promise.all(kinds.flatMap((kind) => Array.from({ length: attackers }, () => attacker(kind))));
agent.destroy();
console.log(JSON.stringify(counts));
