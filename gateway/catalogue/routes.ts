import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { type Route, sendJson } from '../../common/http';
import { projectRoot } from '../../common/paths';

/**
 * The catalogue page: a reference page showing how a browser uses the API (plain HTML, CSS
 * and one script, no build step). Its files stay in the source tree, found from the
 * project root, so the gateway serves them whether it runs from source or from dist/.
 */
export const CATALOGUE_ASSETS_DIR = join(projectRoot, 'gateway', 'catalogue', 'public');

/** Only the gateway's own origin: no inline scripts or styles, no other hosts. */
export const CATALOGUE_CSP = "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

const FILES = [
  { paths: ['/', '/catalogue', '/catalogue/'], file: 'index.html', type: 'text/html; charset=utf-8' },
  { paths: ['/catalogue/catalogue.js'], file: 'catalogue.js', type: 'text/javascript; charset=utf-8' },
  { paths: ['/catalogue/catalogue.css'], file: 'catalogue.css', type: 'text/css; charset=utf-8' },
  { paths: ['/catalogue/favicon.svg'], file: 'favicon.svg', type: 'image/svg+xml' },
];

function fileRoute(body: Buffer, contentType: string): Route {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendJson(res, 405, { errors: [{ message: `${req.method} is not allowed here; use GET.`, extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    res.statusCode = 200;
    res.setHeader('content-type', contentType);
    res.setHeader('content-length', body.length);
    res.setHeader('content-security-policy', CATALOGUE_CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'same-origin');
    res.setHeader('cache-control', 'no-cache');
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

/**
 * The page's routes for serveHttp: `/` and `/catalogue` give the page, `/catalogue/…` its
 * script, style sheet and icon. The files are read once, here, so a missing file stops
 * the gateway at start rather than failing a visitor.
 */
export function catalogueRoutes(dir: string = CATALOGUE_ASSETS_DIR): Record<string, Route> {
  const routes: Record<string, Route> = {};
  for (const { paths, file, type } of FILES) {
    const route = fileRoute(readFileSync(join(dir, file)), type);
    for (const path of paths) routes[path] = route;
  }
  return routes;
}
