import { expect, test } from "@playwright/test";
import {
  canvasNode,
  dragEdge,
  dropFromPalette,
  newMappingFromTemplate,
  nodeHandle,
  sideHandle,
} from "./editor-helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

test("draw a mapping from a template, fix a diagnostic, preview both ways, publish and diff versions", async ({
  page,
}) => {
  await newMappingFromTemplate(page, `Editor e2e ${Date.now().toString(36)}`);

  // Remove the template's employment-type enum map, then draw it again by hand.
  const oldNode = canvasNode(page, "employment-type");
  const spot = (await oldNode.boundingBox())!;
  await oldNode.click();
  await page.keyboard.press("Delete");
  await expect(oldNode).toHaveCount(0);
  await expect(
    page.getByTestId("rf__edge-employment-type.out->b.current_employment_status"),
  ).toHaveCount(0);

  await dropFromPalette(page, "Enum map", { x: spot.x + 20, y: spot.y + 10 });
  const enumNode = page.locator('[data-testid^="rf__node-enumMap-"]');
  await expect(enumNode).toHaveCount(1);
  await dragEdge(
    page,
    sideHandle(page, "a", "employmentHistoryStatus"),
    nodeHandle(enumNode, "in", "target"),
  );
  await dragEdge(
    page,
    nodeHandle(enumNode, "out", "source"),
    sideHandle(page, "b", "current_employment_status"),
  );
  await expect(
    page.locator('[data-testid^="rf__edge-"][data-testid$="->b.current_employment_status"]'),
  ).toHaveCount(1);

  // A drag onto a field that is already written is refused at the handle, with the reason.
  await dragEdge(page, nodeHandle(enumNode, "out", "source"), sideHandle(page, "b", "department"));
  await expect(page.getByTestId("editor-hint")).toContainText("already written by");

  // The empty table leaves values unmapped: the editor lists them; fill them in.
  await enumNode.click();
  const unmapped = page.getByTestId("unmapped-values");
  await expect(unmapped).toBeVisible();
  await expect(enumNode.locator('[data-diagnostic-severity="warning"]')).toBeVisible();
  for (const value of ["Full-Time", "Part-Time", "Intern", "Contractor"])
    await unmapped.getByRole("button", { name: `Add a row for ${value}` }).click();
  await expect(unmapped).toHaveCount(0);
  const targets = ["full_time", "part_time_twenty_plus_hours", "variable", "variable"];
  for (const [index, target] of targets.entries())
    await page.getByLabel(`To value ${index + 1}`).selectOption(target);

  // Two values into "variable" cannot be inverted: an error on the node and in Problems.
  await expect(enumNode.locator('[data-diagnostic-severity="error"]')).toBeVisible();
  await page.getByRole("tab", { name: /Problems/ }).click();
  const problem = page.locator('[data-diagnostic-code="not-invertible"]');
  await expect(problem).toContainText('both "Intern" and "Contractor"');
  await problem.click();
  await page.getByLabel("Use row 4 on the way back").uncheck();
  await expect(enumNode.locator('[data-diagnostic-severity="error"]')).toHaveCount(0);
  await expect(page.getByTestId("problem-counts")).toContainText(/^0 errors/);

  // A conflict rule for the hire date, and its plain-language summary.
  await page.getByRole("tab", { name: "Inspect" }).click();
  await page
    .getByRole("toolbar", { name: "Editor" })
    .getByRole("button", { name: "Fit view" })
    .click();
  await page.locator(".react-flow__pane").click({ position: { x: 5, y: 5 } });
  const summary = page.getByTestId("conflict-summary");
  const summaryBefore = await summary.innerText();
  const pane = (await page.locator(".react-flow__pane").boundingBox())!;
  await dropFromPalette(page, "Conflict rule", { x: pane.x + 40, y: pane.y + pane.height - 150 });
  const rule = page.locator('[data-testid^="rf__node-conflictRule-"]');
  await expect(rule).toHaveCount(1);
  await dragEdge(
    page,
    sideHandle(page, "b", "job.hire_date"),
    nodeHandle(rule, "fields", "target"),
  );
  await expect(
    page.locator('[data-testid^="rf__edge-b.job.hire_date->conflictRule-"]'),
  ).toHaveCount(1);
  await rule.click();
  await page.getByLabel("When both sides changed the connected fields").selectOption("b-wins");
  await page.locator(".react-flow__pane").click({ position: { x: 5, y: 5 } });
  await expect(summary).not.toHaveText(summaryBefore);
  await expect(page.getByTestId("problem-counts")).toContainText(/^0 errors/);

  // Preview a sample record in both directions.
  await page.getByRole("button", { name: "Preview" }).click();
  const toPayroll = page.locator(
    '[data-direction="aToB"] [data-preview-field="first_name"] [data-testid="preview-value"]',
  );
  const toHris = page.locator(
    '[data-direction="bToA"] [data-preview-field="firstName"] [data-testid="preview-value"]',
  );
  await expect(toPayroll).toContainText('"');
  await expect(toHris).toContainText('"');
  await expect(
    page.locator('[data-direction="aToB"] [data-preview-field="current_employment_status"]'),
  ).toBeVisible();

  await page.getByRole("button", { name: "Preview" }).click();

  // Publish, change the rule, publish again, and diff the two versions.
  await page.getByRole("tab", { name: "Versions" }).click();
  await page.getByLabel("Change note").fill("Employment type drawn by hand");
  await page.getByRole("button", { name: "Publish version" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Published" })).toBeVisible();
  const versions = page
    .getByRole("list", { name: "Published versions" })
    .locator("[data-version-hash]");
  await expect(versions).toHaveCount(1);

  await page.getByRole("tab", { name: "Inspect" }).click();
  await rule.click();
  await page
    .getByLabel("When both sides changed the connected fields")
    .selectOption("latest-change");
  await page.getByRole("tab", { name: "Versions" }).click();
  await page.getByRole("button", { name: "Publish version" }).click();
  await expect(versions).toHaveCount(2);
  await versions.first().getByRole("button", { name: "Diff with previous" }).click();
  await expect(page.getByTestId("version-diff")).toContainText("job.hire_date");
});

test("an edge can be created with the keyboard alone", async ({ page }) => {
  await newMappingFromTemplate(page, `Keyboard e2e ${Date.now().toString(36)}`);
  await page.getByRole("button", { name: "Add Enum map node" }).focus();
  await page.keyboard.press("Enter");
  const enumNode = page.locator('[data-testid^="rf__node-enumMap-"]');
  await expect(enumNode).toHaveCount(1);
  const enumId = (await enumNode.getAttribute("data-id"))!;

  await page.keyboard.press("c");
  const dialog = page.getByRole("dialog", { name: "Connect two handles" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("From (an output)")).toBeFocused();
  await page.keyboard.type("employeeNumber");
  await page.keyboard.press("Tab");
  await expect(dialog.getByLabel("To (an input)")).toBeFocused();
  await page.keyboard.type("Enum map · in");
  await expect(dialog.getByRole("button", { name: "Connect" })).toBeEnabled();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Connect" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId(`rf__edge-a.employeeNumber->${enumId}.in`)).toHaveCount(1);
  await expect(page.getByTestId("save-status")).toContainText("saved");
});
