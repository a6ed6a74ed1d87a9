import { join } from 'node:path';
import { gatewayUrl } from './support/graphql';
import { waitForFile } from './support/waits';

/** The gateway passes each request's id on to the subgraphs, which log it; variables are never logged. */
it('carries x-request-id from the client through the gateway into the subgraphs’ logs', async () => {
  const requestId = `rid-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const res = await fetch(`${gatewayUrl()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId },
    body: JSON.stringify({
      query: 'query CatalogueSearch($text: String) { offerings(filter: {text: $text}, first: 2) { edges { node { id provider { name } } } } }',
      variables: { text: 'svenska or sekretessord' },
    }),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('x-request-id')).toBe(requestId);
  // Each process logs the request as it finishes it, maybe after the answer has left: wait for
  // its whole line in each log (the last, unfinished line of a log is not read).
  const lines: Record<string, string[]> = {};
  for (const name of ['gateway', 'offerings', 'providers']) {
    const path = join(process.env.TEST_DATA_DIR!, 'logs', `${name}.log`);
    const ours = (text: string) => text.split('\n').slice(0, -1).filter((l) => l.includes(requestId));
    const text = await waitForFile(path, (t) => ours(t).some((l) => JSON.parse(l).msg === 'graphql request'));
    // The request's own line is written: the variable's value would be in it by now.
    expect({ name, secret: text.includes('sekretessord') }).toEqual({ name, secret: false });
    lines[name] = ours(text);
  }
  expect(JSON.parse(lines.gateway![0]!)).toMatchObject({ operation: 'CatalogueSearch', requestId, level: 30 });
});
