import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

/** A plain @apollo/gateway + @apollo/server with default settings: the benchmark's reference peer. */
async function main(): Promise<void> {
  const [supergraphPath, port] = process.argv.slice(2);
  if (!supergraphPath || !port) throw new Error('usage: apollo.js <supergraph> <port>');
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(supergraphPath, 'utf8') });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: Number(port) } });
  process.stdout.write(`ready ${url}\n`);
  process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
