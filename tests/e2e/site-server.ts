// Local test sites (loopback only): the pages in tests/e2e/site, a React bundle built on the
// fly, and a strict Content-Security-Policy on csp.html.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, 'site');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

export interface Site {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  close(): Promise<void>;
}

let reactBundle: Promise<string> | undefined;
const bundleReact = () =>
  (reactBundle ??= build({
    entryPoints: [join(ROOT, 'react-app.jsx')],
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text));

/** Listens on loopback; `hostname` names it ('localhost' makes a second, cross-site origin). */
export async function startSite(hostname: '127.0.0.1' | 'localhost' = '127.0.0.1'): Promise<Site> {
  const server: Server = createServer(async (req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = path === '/react-app.js' ? await bundleReact() : await readFile(join(ROOT, path));
      const headers: Record<string, string> = { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
      if (path === '/csp.html') headers['content-security-policy'] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; frame-src 'self'; connect-src 'self'";
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://${hostname}:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
