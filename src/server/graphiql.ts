import path from 'node:path';
import type { Express, Request } from 'express';

/**
 * GraphiQL, served from the project's own dependencies so that it works offline and where CDNs are blocked:
 * graphiql's UMD bundle (it ships one up to v4) over React 18's UMD builds (React 19 ships none). Outside production only.
 */
const ASSET_PREFIX = '/graphiql';
const API_KEY_STORAGE = 'journeygraph.apiKey';

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

function assetFiles(): Map<string, string> {
  const graphiql = packageDir('graphiql');
  return new Map([
    ['graphiql.min.js', path.join(graphiql, 'graphiql.min.js')],
    ['graphiql.min.css', path.join(graphiql, 'graphiql.min.css')],
    ['react.production.min.js', path.join(packageDir('react'), 'umd', 'react.production.min.js')],
    ['react-dom.production.min.js', path.join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js')],
  ]);
}

const DEFAULT_QUERY = `# Paste an API key above (it stays in this browser), then press the run button.
{
  journeys {
    name
    phases {
      position
      name
    }
  }
}
`;

/** Keeps the key in localStorage and sends it as `Authorization: Bearer <key>` unless the headers editor sets one. */
const PAGE_SCRIPT = `(function () {
  var STORAGE = ${JSON.stringify(API_KEY_STORAGE)};
  var input = document.getElementById('api-key');
  input.value = localStorage.getItem(STORAGE) || '';
  input.addEventListener('input', function () {
    var key = input.value.trim();
    if (key) localStorage.setItem(STORAGE, key);
    else localStorage.removeItem(STORAGE);
  });
  document.getElementById('show-key').addEventListener('click', function (event) {
    input.type = input.type === 'password' ? 'text' : 'password';
    event.currentTarget.textContent = input.type === 'password' ? 'Show' : 'Hide';
  });
  var fetcher = GraphiQL.createFetcher({
    url: new URL('/graphql', window.location.href).toString(),
    fetch: function (url, init) {
      var headers = new Headers((init && init.headers) || {});
      var key = input.value.trim();
      if (key && !headers.has('authorization')) headers.set('authorization', 'Bearer ' + key);
      return window.fetch(url, Object.assign({}, init, { headers: headers }));
    },
  });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: ${JSON.stringify(DEFAULT_QUERY)} }),
  );
})();
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>JourneyGraph · GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ASSET_PREFIX}/graphiql.min.css">
<style>
  html, body { height: 100%; margin: 0; }
  body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
  #key-bar { display: flex; gap: .5rem; align-items: center; padding: .5rem .75rem; border-bottom: 1px solid #d9dde3; background: #f6f7f9; font-size: 14px; }
  #key-bar input { flex: 1; max-width: 44rem; padding: .25rem .4rem; font-family: ui-monospace, monospace; }
  #graphiql { flex: 1; min-height: 0; }
</style>
</head>
<body>
<div id="key-bar">
  <strong>JourneyGraph</strong>
  <label for="api-key">API key</label>
  <input id="api-key" name="api-key" type="password" autocomplete="off" placeholder="jg_… (sent as Authorization: Bearer)" spellcheck="false">
  <button type="button" id="show-key">Show</button>
</div>
<div id="graphiql">Loading GraphiQL…</div>
<script src="${ASSET_PREFIX}/react.production.min.js"></script>
<script src="${ASSET_PREFIX}/react-dom.production.min.js"></script>
<script src="${ASSET_PREFIX}/graphiql.min.js"></script>
<script src="${ASSET_PREFIX}/journeygraph.js"></script>
</body>
</html>
`;

/** Nothing but this server: a page that tried to reach a CDN would be stopped by the browser. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A browser navigating to /graphql (it asks for HTML first); API clients ask for JSON or anything. */
function wantsPage(req: Request): boolean {
  return req.query.query === undefined && req.accepts(['application/json', 'text/html']) === 'text/html';
}

export function mountGraphiQL(app: Express): void {
  const files = assetFiles();
  app.get('/graphql', (req, res, next) => {
    if (!wantsPage(req)) return next();
    res.set({ 'content-security-policy': CONTENT_SECURITY_POLICY, 'cache-control': 'no-cache' }).type('html').send(PAGE);
  });
  app.get(`${ASSET_PREFIX}/journeygraph.js`, (_req, res) => {
    res.set('cache-control', 'no-cache').type('application/javascript').send(PAGE_SCRIPT);
  });
  app.get(`${ASSET_PREFIX}/:file`, (req, res, next) => {
    const file = files.get(req.params.file);
    if (!file) return next();
    res.sendFile(file, { maxAge: '1h' });
  });
}
