import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type Response } from 'express';

/**
 * The reference dashboard (web/, built by Vite into web/dist): its index page at `/` and its hashed assets under `/assets/`.
 * It talks to this server's /graphql only, so the page is served under a CSP that lets it load and connect to nothing else;
 * its views are addressed by the URL's hash, so no other path is needed. Served in production too: it needs no introspection
 * (which production turns off), since what the schema offers is known when it is built.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': DASHBOARD_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>JourneyGraph · dashboard not built</title><link rel="icon" href="data:,"></head>
<body><main><h1>The dashboard is not built</h1>
<p><code>npm start</code> builds it (into <code>web/dist</code>) when its sources change; with a server started otherwise,
run <code>npm run build:web</code>. The API itself answers at <a href="/graphql">/graphql</a>.</p></main></body></html>
`;

export function mountDashboard(app: Express, dir: string): void {
  const index = path.join(dir, 'index.html');
  const sendIndex = (res: Response) => {
    res.set({ ...SECURITY_HEADERS, 'cache-control': 'no-cache' });
    // Read on each request: a rebuild while the server runs is served at once (the page is small, and cached by the browser).
    fs.readFile(index, 'utf8', (err, html) => {
      if (err) res.status(404).type('html').send(NOT_BUILT);
      else res.type('html').send(html);
    });
  };
  app.get(['/', '/index.html'], (_req, res) => sendIndex(res));
  app.use(
    '/assets',
    (_req, res, next) => {
      res.set(SECURITY_HEADERS);
      next();
    },
    // File names carry a hash of their content: cached for a year, never revalidated.
    express.static(path.join(dir, 'assets'), { index: false, immutable: true, maxAge: '365d', fallthrough: true }),
  );
}
