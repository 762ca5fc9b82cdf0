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
  // the practice, Harden, Build and Policy modules are loaded on demand, as files of their own
  external: ["./learn.js", "./harden.js", "./picture.js", "./policy.js"],
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

// The Build tab (the stage graph, layers, cache view, base size and the
// shrink-the-image challenge): fetched only when opened.
await build({
  entryPoints: ["web/picture/picture.js"],
  bundle: true,
  format: "esm",
  minify: true,
  target: "es2020",
  legalComments: "none",
  outfile: "web/generated/picture.js",
  logLevel: "warning",
});

// The Policy tab (the Rego editor, starters, the input document): fetched
// only when opened, with the policy module it imports (policy/, built by
// web/build/policy.mjs). It uses the page's CodeMirror through editor.js.
await build({
  entryPoints: ["web/policy/policy.js"],
  bundle: true,
  format: "esm",
  minify: true,
  target: "es2020",
  legalComments: "none",
  outfile: "web/generated/policy.js",
  external: ["./editor.js", "./policy/dockwise_policy.js"],
  logLevel: "warning",
});
