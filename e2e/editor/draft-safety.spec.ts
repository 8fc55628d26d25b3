import { expect, test } from "@playwright/test";
import { canvasNode, newMappingFromTemplate } from "./editor-helpers";

test.use({ viewport: { width: 1600, height: 1000 } });

test("a draft that cannot be saved is kept in the browser, restored on reload and saved once the server answers", async ({
  page,
}) => {
  await newMappingFromTemplate(page, `Draft safety ${Date.now().toString(36)}`);
  const saves = /\/api\/trpc\/[^?]*mappings\.saveDraft/;
  await page.route(saves, (route) => route.abort("connectionrefused"));

  await canvasNode(page, "pay-rate").click();
  await page.getByLabel("Label", { exact: true }).fill("Pay rate (edited offline)");
  await page.getByLabel("Label", { exact: true }).press("Enter");
  const status = page.getByTestId("save-status");
  await expect(status).toHaveAttribute("data-save-state", "offline");
  await expect(status).toContainText("kept in this browser");

  await page.reload();
  await expect(canvasNode(page, "pay-rate")).toContainText("Pay rate (edited offline)");
  await expect(status).toContainText("Restored unsaved changes");

  await page.unroute(saves);
  await expect(status).toHaveAttribute("data-save-state", "saved", { timeout: 30_000 });
  await page.reload();
  await expect(canvasNode(page, "pay-rate")).toContainText("Pay rate (edited offline)");
  await expect(status).not.toContainText("Restored");
});

test("an imported file that is not a mapping is refused with its reasons and the draft is untouched", async ({
  page,
}) => {
  await newMappingFromTemplate(page, `Bad import ${Date.now().toString(36)}`);
  await page.getByRole("tab", { name: "Versions" }).click();
  await page.getByLabel("Import a mapping file").setInputFiles({
    name: "not-a-mapping.json",
    mimeType: "application/json",
    buffer: Buffer.from(
      JSON.stringify({ format: "tandem.mapping/v9", name: "x", nodes: [], edges: [] }),
    ),
  });
  const problems = page.getByTestId("import-problems");
  await expect(problems).toContainText("not a valid tandem.mapping/v1 document");
  await expect(problems).toContainText("tandem.mapping/v9");
  await expect(canvasNode(page, "pay-rate")).toBeVisible();
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-save-state", "saved");
});
