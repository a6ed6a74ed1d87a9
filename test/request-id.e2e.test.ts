import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gatewayUrl } from './support/graphql';

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
  await new Promise((r) => setTimeout(r, 300));
  for (const name of ['gateway', 'offerings', 'providers']) {
    const log = readFileSync(join(process.env.TEST_DATA_DIR!, 'logs', `${name}.log`), 'utf8');
    const lines = log.split('\n').filter((l) => l.includes(requestId)).map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((l) => l.msg === 'graphql request')).toBe(true);
    expect(log).not.toContain('sekretessord');
  }
  const gatewayLine = readFileSync(join(process.env.TEST_DATA_DIR!, 'logs', 'gateway.log'), 'utf8')
    .split('\n').filter((l) => l.includes(requestId)).map((l) => JSON.parse(l))[0];
  expect(gatewayLine).toMatchObject({ operation: 'CatalogueSearch', requestId, level: 30 });
});
