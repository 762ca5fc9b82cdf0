// Compose files and Kubernetes manifests pasted into the playground: the kind
// is detected, the editor switches to YAML, findings sit on their exact words.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { open, ready, pasteInto, foreign, ARTIFACTS } from "./browser.mjs";

const COMPOSE = `services:
  grafana:
    image: grafana/grafana:latest
    ports:
      - "3000:3000"
    environment:
      - GF_SECURITY_ADMIN_PASSWORD=admin
  db:
    image: postgres:16.4
    privileged: true
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  template:
    spec:
      containers:
      - name: web
        image: nginx:latest
        securityContext:
          privileged: true
`;

test("a pasted compose file is detected and checked", async () => {
  const b = await open();
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await pasteInto(page, COMPOSE);
    await page.locator("[data-testid=kind]", { hasText: "Compose" }).waitFor({ timeout: 5000 });

    // the default credential, on line 7, underlines exactly `admin`
    const cred = page.locator('li.finding[data-rule="DW2008"][data-line="7"]');
    await cred.waitFor({ timeout: 5000 });
    await cred.locator(".finding-main").click();
    assert.equal(await page.evaluate(() => window.getSelection().toString()), "admin");
    await page.locator('li.finding[data-rule="DW2002"][data-line="10"]').waitFor();
    await page.locator('li.finding[data-rule="DW2006"][data-line="3"]').waitFor();
    // YAML highlighting: keys are styled as properties
    assert.ok((await page.locator(".cm-line span").count()) > 5, "the YAML is highlighted");

    // the card of a compose rule opens with its docs and quiz
    await cred.locator(".rule-link").click();
    const card = page.locator("[data-testid=rule-card]");
    await card.waitFor();
    assert.match(await card.innerText(), /DW2008/);
    await card.locator('.choice[data-correct="true"]').click();
    assert.match(await page.locator("[data-testid=quiz-feedback]").innerText(), /Correct/);
    await page.screenshot({ path: join(ARTIFACTS, "compose.png") });

    assert.deepEqual(foreign(b.requests, b.origin), []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("a pasted Kubernetes manifest is detected; the kind can be chosen by hand", async () => {
  const b = await open();
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await pasteInto(page, DEPLOYMENT);
    await page.locator("[data-testid=kind]", { hasText: "Kubernetes" }).waitFor({ timeout: 5000 });
    const privileged = page.locator('li.finding[data-rule="DW3008"][data-line="13"]');
    await privileged.waitFor({ timeout: 5000 });
    await privileged.locator(".finding-main").click();
    assert.equal(await page.evaluate(() => window.getSelection().toString()), "true");
    await page.locator('li.finding[data-rule="DW3017"][data-line="11"]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "kubernetes.png") });

    // forcing Compose on a manifest says clearly that it is not one
    await page.selectOption("[data-testid=kind-picker]", "compose");
    await page.locator('li.finding[data-rule="DW2001"]').waitFor({ timeout: 5000 });
    await page.selectOption("[data-testid=kind-picker]", "auto");
    await privileged.waitFor({ timeout: 5000 });

    // broken YAML is a finding with a position, not a broken page
    await pasteInto(page, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [oops\n");
    await page.locator('li.finding[data-rule="DW3000"]').waitFor({ timeout: 5000 });
    assert.deepEqual(b.errors, []);
    assert.deepEqual(foreign(b.requests, b.origin), []);
  } finally {
    await b.close();
  }
});
