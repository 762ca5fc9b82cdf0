// Type-checked (never run) against the package's declarations as a bundler
// resolves them for a browser: the ES module build, with its init function.
import init, { lint, fix, rules, card, type Finding, type Options, type Rule } from "dockwise";

export async function browser(text: string): Promise<string[]> {
  await init();
  const options: Options = { kind: "dockerfile", rules: ["DL3007"], config: "ignored: []\n" };
  const findings: Finding[] = lint(text, options);
  const fixed: string = fix(text, { unsafe: false }).text;
  const all: Rule[] = rules();
  const what: string | undefined = card("DL3007")?.docs?.what;
  // @ts-expect-error: not a kind
  lint(text, { kind: "podfile" });
  // @ts-expect-error: findings have no `code`
  findings[0].code;
  return [...findings.map((f) => `${f.rule}:${f.line}:${f.column}`), fixed, String(all.length), what ?? ""];
}
