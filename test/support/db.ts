import { Client } from 'pg';

/** Runs SQL directly on a subgraph's test database, to check answers against the source of truth. */
export async function sql<T = any>(subgraph: string, text: string, params: unknown[] = []): Promise<T[]> {
  const url = process.env[`TEST_DATABASE_URL_${subgraph.toUpperCase()}`];
  if (!url) throw new Error(`no test database for the ${subgraph} subgraph`);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
