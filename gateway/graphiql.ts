import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import type { Route } from '../common/http';
import { projectRoot } from '../common/paths';

/**
 * GraphiQL served by the gateway itself from the installed packages (react, react-dom,
 * graphiql): no CDN, so it works offline. The page opens with the README's examples.
 */

/** Where the assets are served; the page links them relative to the GraphQL endpoint. */
export const GRAPHIQL_ASSET_PATH = '/graphiql';

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Starts GraphiQL: runs the operations with the user's headers against the page's own URL. */
const BOOTSTRAP = `(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('graphiql-config').textContent);
  var endpoint = window.location.pathname;
  function fetcher(params, opts) {
    var headers = Object.assign(
      { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      (opts && opts.headers) || {}
    );
    return fetch(endpoint, { method: 'POST', headers: headers, body: JSON.stringify(params) }).then(function (res) {
      return res.json();
    });
  }
  var e = React.createElement;
  var logo = e(GraphiQL.Logo, null, 'vuxhub ', e('small', { className: 'vuxhub-hint' }, config.hint));
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    e(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: config.tabs,
      defaultHeaders: '{}',
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: 'headers'
    }, logo)
  );
})();
`;

const HINT = 'A token goes in Headers: {"authorization": "Bearer <npm run -s token -- --role admin>"}';

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

function asset(body: Buffer | string, type: string): Asset {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return { body: buf, type, etag: `"${createHash('sha256').update(buf).digest('base64url').slice(0, 27)}"` };
}

/** A file of an installed package, found from here whether this runs from source or dist/. */
function packageFile(pkg: string, file: string): Buffer {
  return readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), file));
}

/** The operations of the README's ```graphql blocks, in order. */
export function readmeExamples(readme: string): string[] {
  return [...readme.matchAll(/^```graphql\r?\n([\s\S]*?)^```/gm)].map((m) => (m[1] ?? '').trimEnd());
}

function page(tabs: { query: string; headers: string }[]): string {
  // A JSON data block: never executed, and `<` escaped so that nothing in it closes the script.
  const config = JSON.stringify({ tabs, hint: HINT }).replace(/</g, '\\u003c');
  const src = (name: string) => `graphiql/${name}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>vuxhub GraphiQL (a token goes in Headers)</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${src('graphiql.min.css')}">
<style>html, body, #graphiql { height: 100%; margin: 0; } .vuxhub-hint { display: block; font-size: 0.6em; font-weight: normal; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<noscript>GraphiQL needs JavaScript.</noscript>
<script type="application/json" id="graphiql-config">${config}</script>
<script src="${src('react.production.min.js')}"></script>
<script src="${src('react-dom.production.min.js')}"></script>
<script src="${src('graphiql.min.js')}"></script>
<script src="${src('graphiql-start.js')}"></script>
</body>
</html>
`;
}

function serveAsset(file: Asset): Route {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.statusCode = 405;
      res.setHeader('allow', 'GET, HEAD');
      res.end();
      return;
    }
    res.setHeader('content-type', file.type);
    res.setHeader('cache-control', 'public, max-age=86400');
    res.setHeader('etag', file.etag);
    res.setHeader('x-content-type-options', 'nosniff');
    if (req.headers['if-none-match'] === file.etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.statusCode = 200;
    res.setHeader('content-length', file.body.length);
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };
}

export interface GraphiQLRoutes {
  /** The page, for a browser's GET of the GraphQL endpoint. */
  page: Route;
  /** Its scripts and styles, by path. */
  assets: Record<string, Route>;
}

/** Reads everything once; a missing package file stops the gateway at start. */
export function graphiqlRoutes(readmePath = join(projectRoot, 'README.md')): GraphiQLRoutes {
  const js = 'text/javascript; charset=utf-8';
  const files: Record<string, Asset> = {
    'react.production.min.js': asset(packageFile('react', 'umd/react.production.min.js'), js),
    'react-dom.production.min.js': asset(packageFile('react-dom', 'umd/react-dom.production.min.js'), js),
    'graphiql.min.js': asset(packageFile('graphiql', 'graphiql.min.js'), js),
    'graphiql.min.css': asset(packageFile('graphiql', 'graphiql.min.css'), 'text/css; charset=utf-8'),
    'graphiql-start.js': asset(BOOTSTRAP, js),
  };
  const examples = existsSync(readmePath) ? readmeExamples(readFileSync(readmePath, 'utf8')) : [];
  const html = Buffer.from(page(examples.map((query) => ({ query, headers: '{}' }))), 'utf8');
  const assets: Record<string, Route> = {};
  for (const [name, file] of Object.entries(files)) assets[`${GRAPHIQL_ASSET_PATH}/${name}`] = serveAsset(file);
  return {
    page: (_req, res) => {
      res.statusCode = 200;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.setHeader('content-security-policy', CSP);
      res.setHeader('cache-control', 'no-cache');
      const vary = res.getHeader('vary');
      res.setHeader('vary', vary ? `${String(vary)}, Accept` : 'Accept');
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'no-referrer');
      res.setHeader('content-length', html.length);
      res.end(html);
    },
    assets,
  };
}
