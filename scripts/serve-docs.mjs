#!/usr/bin/env node
/**
 * Serves the built documentation site (docs/api, made by `npx typedoc`) on
 * 127.0.0.1, so that its icons, search and fonts load: opened straight from
 * disk, the browser blocks some of them. Node's http module only.
 *
 *   node scripts/serve-docs.mjs [--port 8080] [--dir docs/api]
 *
 * The port may also come from the PORT variable; 0 picks a free one.
 */
import { existsSync, readFile, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', short: 'p', default: process.env.PORT ?? '8080' },
    dir: { type: 'string', default: fileURLToPath(new URL('../docs/api', import.meta.url)) },
  },
});
const root = resolve(values.dir);
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve-docs: --port must be a whole number from 0 to 65535, not ${values.port}`);
  process.exit(2);
}
if (!existsSync(join(root, 'index.html'))) {
  console.error(`serve-docs: no site in ${root}; build it first with npx typedoc (npm run docs)`);
  process.exit(1);
}

const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

const server = createServer((request, response) => {
  let path;
  try {
    path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  } catch {
    response.writeHead(400).end('bad request');
    return;
  }
  let file = resolve(root, `.${path}`);
  // Nothing outside the site folder.
  if (file !== root && !file.startsWith(root + sep)) {
    response.writeHead(403).end('forbidden');
    return;
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  readFile(file, (error, body) => {
    if (error) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
  });
});

server.on('error', (error) => {
  console.error(`serve-docs: ${error.message}`);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  console.log(`Serving ${root} at http://127.0.0.1:${actual}/ (Ctrl+C to stop)`);
});
