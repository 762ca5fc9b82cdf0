// Type-checked (never run) as Node resolves the package: the CommonJS
// build, loaded synchronously (no init).
import { lint, fix, triage, type Finding } from "dockwise";

const findings: Finding[] = lint("FROM python:latest\n", { kind: "dockerfile" });
const severities = findings.map((f) => f.severity satisfies "error" | "warning" | "info" | "style");
const fixed = fix("FROM python:latest\n", { unsafe: true });
const order = triage("FROM python:latest\n", {}, "line").entries.map((e) => e.rules);
export { severities, fixed, order };
