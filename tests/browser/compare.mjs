// Opens an evaluator's comparison (matrix, diff, history) in Debian's chromium, prints it
// the way a reader would (A4, the page size and orientation from the report's own CSS),
// saves the PDF next to the report (REPORT.pdf) for pdftotext, and reports headings,
// console errors, external requests, axe-core violations and the page width on screen.
//
// Usage: node compare.mjs REPORT.html
import { chromium } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const report = resolve(process.argv[2]);
// The browser's profile is thrown away however the script ends (each run left 2.4 MB in /tmp).
const profile = mkdtempSync(join(tmpdir(), "acquis-chromium-"));
process.on("exit", () => rmSync(profile, { recursive: true, force: true }));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1366, height: 768 },
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await context.newPage();
const consoleErrors = [];
const requests = [];
page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
page.on("pageerror", (e) => consoleErrors.push(String(e)));
page.on("request", (r) => requests.push(r.url()));
await page.goto(pathToFileURL(report).href, { waitUntil: "load" });
const headings = await page.$$eval("h1, h2, h3", (hs) => hs.map((h) => `${h.tagName}:${h.textContent.trim()}`));
const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
await page.screenshot({ path: `${report}.png`, fullPage: false });
await page.emulateMedia({ media: "print" });
// preferCSSPageSize: the report's @page rule (A4 landscape) decides, as when a reader prints.
const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
writeFileSync(`${report}.pdf`, pdf);
await page.emulateMedia({ media: "screen" });
const axe = await new AxeBuilder({ page }).analyze();
const violations = axe.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
console.log(
  JSON.stringify({
    headings,
    consoleErrors,
    externalRequests: requests.filter((u) => !u.startsWith("file:") && !u.startsWith("data:")),
    violations,
    scrollWidth,
    pdfBytes: pdf.length,
  }),
);
await context.close();
