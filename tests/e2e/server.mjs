// A minimal static file server for the built playground (dist/), used by the
// browser tests. Serves .wasm as application/wasm so streaming compilation
// works, and falls back to index.html for unknown paths.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
};

/** Path of an empty same-origin page that hosts embeds in the tests. */
export const BLANK = "/__host.html";

export function serve(root, port = 0) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://localhost");
      if (url.pathname === BLANK) {
        // a bare host page on the same origin for embed tests: loading the
        // app itself as the host would boot a second app beside the iframe's
        res.writeHead(200, { "content-type": TYPES[".html"], "cache-control": "no-store" });
        res.end("<!doctype html><html><head><title>host</title><link rel=\"icon\" href=\"data:,\"></head><body></body></html>");
        return;
      }
      let path = normalize(join(base, decodeURIComponent(url.pathname)));
      if (!path.startsWith(base)) throw new Error("outside root");
      let s = await stat(path).catch(() => null);
      if (!s || s.isDirectory()) {
        path = join(base, "index.html");
      }
      const body = await readFile(path);
      res.writeHead(200, { "content-type": TYPES[extname(path)] || "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
    } catch (e) {
      res.writeHead(404);
      res.end("not found");
    }
  });
  return new Promise((ok) => server.listen(port, "127.0.0.1", () => ok(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] || "dist";
  const port = Number(process.argv[3] || 8080);
  const s = await serve(root, port);
  console.log(`serving ${root} on http://127.0.0.1:${s.address().port}`);
}
