import { readFileSync } from 'node:fs';
import { type RequestListener, createServer } from 'node:http';

/**
 * The part of Hive Gateway's API used here. Its packages are loaded untyped: their
 * types augment graphql's own (GraphQLErrorExtensions) for the whole program.
 */
interface HiveRuntime {
  createGatewayRuntime(options: Record<string, unknown>): RequestListener & { dispose(): unknown };
}
interface HiveRouter {
  unifiedGraphHandler: unknown;
}

/** Hive Gateway's runtime on node:http, default settings; `--router` plans with the Rust query planner. */
async function main(): Promise<void> {
  const [supergraphPath, port, flag] = process.argv.slice(2);
  if (!supergraphPath || !port) throw new Error('usage: hive.js <supergraph> <port> [--router]');
  const supergraph = readFileSync(supergraphPath, 'utf8');
  const runtime = require('@graphql-hive/gateway-runtime') as HiveRuntime;
  const router = flag === '--router' ? (require('@graphql-hive/router-runtime') as HiveRouter) : undefined;
  const gateway = runtime.createGatewayRuntime({
    supergraph,
    logging: false,
    ...(router ? { unifiedGraphHandler: router.unifiedGraphHandler } : {}),
  });
  const server = createServer(gateway);
  server.listen(Number(port), () => process.stdout.write(`ready http://localhost:${port}/graphql\n`));
  process.on('SIGTERM', () => {
    server.close();
    void Promise.resolve(gateway.dispose()).then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
