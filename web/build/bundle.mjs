// Bundles web/editor/editor.js (CodeMirror 6 and the bridge) into
// web/generated/editor.js, which Trunk copies next to the app.
import { build as esbuild } from "esbuild";
import { writeIfChanged } from "./write.mjs";

// esbuild's output, written only where it changed (see write.mjs)
async function build(options) {
  const result = await esbuild({ ...options, write: false });
  for (const f of result.outputFiles) writeIfChanged(f.path, f.contents);
}

await build({
  entryPoints: ["web/editor/editor.js"],
  bundle: true,
  format: "esm",
  minify: true,
  target: "es2020",
  legalComments: "none",
  outfile: "web/generated/editor.js",
  // the practice and Harden modules are loaded on demand, as files of their own
  external: ["./learn.js", "./harden.js"],
  logLevel: "warning",
});

// Practice (interview questions, challenges): fetched only when opened.
await build({
  entryPoints: ["web/learn/learn.js"],
  bundle: true,
  format: "esm",
  minify: true,
  target: "es2020",
  legalComments: "none",
  outfile: "web/generated/learn.js",
  logLevel: "warning",
});

// The Harden view (every fix on offer, accepted hunk by hunk): fetched only when opened.
await build({
  entryPoints: ["web/harden/harden.js"],
  bundle: true,
  format: "esm",
  minify: true,
  target: "es2020",
  legalComments: "none",
  outfile: "web/generated/harden.js",
  logLevel: "warning",
});
