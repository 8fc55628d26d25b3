import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_DATA_DIR, E2E_PORTS } from "../playwright.config";

// These start signed out (not with the demo admin's saved state).
test.use({ storageState: { cookies: [], origins: [] } });

function devJson(): {
  demoAdmin: { email: string; password: string };
  workspace: { syncId: string };
} {
  const file = path.join(E2E_DATA_DIR, "dev.json");
  if (!existsSync(file)) throw new Error(`no ${file}: the sign-in project writes it first`);
  return JSON.parse(readFileSync(file, "utf8")) as ReturnType<typeof devJson>;
}

test("a page asks for sign-in, a wrong password gets the one generic answer, sign-out ends the session", async ({
  page,
}) => {
  const { email, password } = devJson().demoAdmin;
  await page.goto("/mappings");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(`${password}-wrong`);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The form's own alert (Next.js adds a route announcer with the alert role too).
  await expect(page.locator("form").getByRole("alert")).toHaveText(
    "That email and password do not match an account.",
  );

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(`${email} · admin of`);
  const cookie = (await page.context().cookies()).find((c) => c.name === "tandem_session");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  // The old token is dead on the server, not just forgotten by the browser.
  const reused = await page.request.get("/api/trpc/syncs.overview", {
    headers: { cookie: `tandem_session=${cookie?.value ?? ""}` },
  });
  expect(reused.status()).toBe(401);
});

test("the API refuses calls without a session, and mutations and sign-ins from another origin", async ({
  request,
}) => {
  const { demoAdmin, workspace } = devJson();
  expect((await request.get("/api/trpc/syncs.overview")).status()).toBe(401);

  const evil = { origin: "https://evil.example" };
  expect(
    (await request.post("/api/auth/sign-in", { data: demoAdmin, headers: evil })).status(),
  ).toBe(403);
  expect((await request.post("/api/auth/sign-in", { data: demoAdmin })).status()).toBe(200);

  const replay = (headers: Record<string, string>) =>
    request.post("/api/trpc/review.replay", {
      data: { json: { syncId: workspace.syncId } },
      headers,
    });
  expect((await replay(evil)).status()).toBe(403);
  expect((await replay({ origin: `http://127.0.0.1:${E2E_PORTS.web}` })).status()).toBe(200);
  // Vendor-facing routes need no session.
  expect((await request.get("/api/health", { headers: { cookie: "" } })).status()).toBe(200);
});

test("sign-in attempts for one account are limited, with Retry-After, whatever the account", async ({
  request,
}) => {
  const email = `nobody-${Date.now().toString(36)}@demo.example`;
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) {
    const response = await request.post("/api/auth/sign-in", {
      data: { email, password: "not the password" },
    });
    statuses.push(response.status());
    if (response.status() === 429)
      expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
  }
  expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
});
