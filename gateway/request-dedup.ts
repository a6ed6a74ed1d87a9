/**
 * Identical subgraph requests in flight at the same moment are sent once and the
 * answer shared: when a hundred people open the same catalogue page at once, the
 * subgraph answers one query, not a hundred. Identical means the same URL, body
 * (operation and variables) and bearer token. Mutations are never shared. `onShared` is
 * told of each request answered by one already in flight instead of being sent.
 */
export function sharedInFlight(send: (url: string, init: RequestInit) => Promise<Response>, onShared: () => void = () => {}) {
  const inFlight = new Map<string, Promise<Response>>();
  return async (url: string, init: RequestInit): Promise<Response> => {
    const body = init.body;
    if (typeof body !== 'string' || (init.method ?? 'GET') !== 'POST' || isMutation(body)) return send(url, init);
    const key = `${url}\n${new Headers(init.headers).get('authorization') ?? ''}\n${body}`;
    let shared = inFlight.get(key);
    if (!shared) {
      shared = send(url, init);
      inFlight.set(key, shared);
      const forget = () => inFlight.delete(key);
      shared.then(forget, forget);
    } else {
      onShared();
    }
    // Each caller reads a copy of the one answer.
    return (await shared).clone();
  };
}

function isMutation(body: string): boolean {
  if (!body.includes('mutation')) return false;
  try {
    const query = (JSON.parse(body) as { query?: unknown }).query;
    // Anything that may be a mutation keyword (after comments, or a second operation) is
    // treated as one: a query never shared costs a little, a write shared costs a write.
    return typeof query !== 'string' || /(?:^|[\s,}])mutation\b/.test(query);
  } catch {
    return true;
  }
}
