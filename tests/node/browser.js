// The greeter's page in a real browser: playwright-core driving Debian's Chromium,
// headless, with a fresh profile. For each case it fills the form, greets, waits for
// the result and reads back what the page shows, and writes a screenshot.
//
// Usage:
//   node browser.js URL SCREENSHOT_DIR CASES_JSON
//
// CASES_JSON is a JSON array of {"label", "name", "protocol" ("grpc-web", "connect" or "rest"),
// "token"}. Prints one JSON array, per case: {"label", "code", "reason", "texts":
// {"code", "message", "reason", "reply", "quota": [...], "debug"}, "violations":
// [{"for", "text", "beside_field"}], "button_disabled"}.

const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

async function main() {
  const [url, screenshots, cases] = process.argv.slice(2);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "rich-status-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: FLAGS,
    viewport: { width: 800, height: 720 },
  });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(url);
    const out = [];
    for (const c of JSON.parse(cases)) {
      await page.fill("input[name=name]", c.name);
      await page.fill("input[name=operator-token]", c.token || "");
      await page.check(`input[name=protocol][value=${c.protocol}]`);
      await page.evaluate(() => {
        document.getElementById("result").dataset.code = "";
      });
      await page.click("button[type=submit]");
      await page.waitForFunction(() => document.getElementById("result").dataset.code !== "");
      const shown = await page.evaluate(() => {
        const result = document.getElementById("result");
        const text = (selector) => {
          const node = result.querySelector(selector);
          return node ? node.textContent : null;
        };
        return {
          code: result.dataset.code,
          reason: result.dataset.reason,
          texts: {
            code: text(".code"),
            message: text(".message"),
            reason: text(".reason"),
            reply: text(".reply"),
            quota: [...result.querySelectorAll(".quota")].map((n) => n.textContent),
            debug: text("pre.debug"),
          },
          violations: [...document.querySelectorAll("[data-violation-for]")].map((n) => ({
            for: n.dataset.violationFor,
            text: n.textContent,
            beside_field: !result.contains(n),
          })),
          button_disabled: document.querySelector("button[type=submit]").disabled,
        };
      });
      await page.screenshot({ path: path.join(screenshots, `${c.label}.png`), fullPage: true });
      out.push({ label: c.label, ...shown });
    }
    if (errors.length > 0) {
      throw new Error(`the page threw: ${errors.join("; ")}`);
    }
    console.log(JSON.stringify(out));
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
