import { expect, test, type Page } from "@playwright/test";
import { E2E_PORTS } from "../playwright.config";

const hris = `http://127.0.0.1:${E2E_PORTS.bamboohr}/_admin/`;
const payroll = `http://127.0.0.1:${E2E_PORTS.gusto}/_admin/`;

/** Edits the first employee's last name in a simulator's own admin page, as a person would. */
async function renameFirstEmployee(
  page: Page,
  simulatorUrl: string,
  lastName: string,
): Promise<string> {
  await page.goto(simulatorUrl);
  const row = page.locator("[data-employee-id]").first();
  await expect(row).toBeVisible();
  const firstName = await row.getByLabel("First name").inputValue();
  await row.getByLabel("Last name").fill(lastName);
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByLabel("Last name")).toHaveValue(lastName);
  return firstName;
}

async function expectEmployeeIn(
  page: Page,
  simulatorUrl: string,
  firstName: string,
  lastName: string,
) {
  await expect(async () => {
    await page.goto(simulatorUrl);
    const match = page
      .locator("[data-employee-id]")
      .filter({ has: page.locator(`input[value="${lastName}"]`) });
    await expect(match).toHaveCount(1, { timeout: 1_000 });
    await expect(match.getByLabel("First name")).toHaveValue(firstName);
  }).toPass({ timeout: 30_000 });
}

test("a change in the HRIS arrives in payroll, in the audit trail and in the run history", async ({
  page,
}) => {
  const lastName = `Hopper-${Date.now().toString(36)}`;
  const firstName = await renameFirstEmployee(page, hris, lastName);

  await expectEmployeeIn(page, payroll, firstName, lastName);

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Syncs" })).toBeVisible();
  await expect(
    page.getByTestId("change-entry").filter({ hasText: lastName }).first(),
  ).toBeVisible();

  await page.goto("/runs");
  // One executor per sync drains its queue; each drain is one activity in its history.
  const runLink = page.getByRole("link", { name: "executor", exact: true }).first();
  await expect(runLink).toBeVisible();
  await runLink.click();
  await expect(page.getByRole("heading", { name: "Run history" })).toBeVisible();
  await expect(
    page.locator('[data-event-type="WORKFLOW_EXECUTION_SIGNALED"]').first(),
  ).toBeVisible();
  await expect(page.locator('[data-event-type="ACTIVITY_TASK_COMPLETED"]').first()).toBeVisible();
});

test("a change in payroll flows back to the HRIS", async ({ page }) => {
  const lastName = `Lamarr-${Date.now().toString(36)}`;
  const firstName = await renameFirstEmployee(page, payroll, lastName);
  await expectEmployeeIn(page, hris, firstName, lastName);
});

test("the what-if replays recorded changes through the draft on the production server", async ({
  page,
}) => {
  // A recorded change to replay; the replay runs in the server's expression threads.
  await renameFirstEmployee(page, hris, `Franklin-${Date.now().toString(36)}`);
  await page.goto("/mappings");
  await page.getByRole("link", { name: "BambooHR ⇄ Gusto", exact: true }).first().click();
  await page.getByRole("tab", { name: "Versions" }).click();
  await page.getByRole("button", { name: "Replay" }).click();
  const whatIf = page.getByRole("region", { name: "What if" });
  const result = whatIf.getByTestId("what-if-result");
  await expect(result).toContainText("No system was written to.");
  await expect(result).not.toContainText("0 of 0 events");
  await expect(whatIf.getByRole("alert")).toHaveCount(0);
});
