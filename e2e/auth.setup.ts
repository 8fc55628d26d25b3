import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test as setup } from "@playwright/test";
import { DEMO_ADMIN_STATE, E2E_DATA_DIR } from "./playwright.config";

/** The demo admin the stack seeded; it writes dev.json right after the app answers. */
async function demoAdmin(): Promise<{ email: string; password: string }> {
  const devJson = path.join(E2E_DATA_DIR, "dev.json");
  await expect.poll(() => existsSync(devJson), { timeout: 30_000 }).toBe(true);
  return (
    JSON.parse(readFileSync(devJson, "utf8")) as { demoAdmin: { email: string; password: string } }
  ).demoAdmin;
}

setup("sign in as the demo admin through the sign-in page", async ({ page }) => {
  const { email, password } = await demoAdmin();
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(email);
  await page.context().storageState({ path: DEMO_ADMIN_STATE });
});
