import { expect, type Locator, type Page } from "@playwright/test";

/** Creates a mapping from the BambooHR ⇄ Gusto template through the UI and opens its editor. */
export async function newMappingFromTemplate(page: Page, name: string) {
  await page.goto("/mappings");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: /Start from template BambooHR/ }).click();
  await page.waitForURL(/\/mappings\/[^/]+$/);
  await expect(page.getByTestId("rf__node-a")).toBeVisible();
  await expect(page.getByTestId("save-status")).toContainText("saved");
}

export const canvasNode = (page: Page, id: string) => page.getByTestId(`rf__node-${id}`);

/** A side field's handle: one per field, used in both directions. */
export const sideHandle = (page: Page, side: "a" | "b", field: string) =>
  canvasNode(page, side).locator(`li[data-field="${field}"] .react-flow__handle`);

export const nodeHandle = (node: Locator, handle: string, type: "source" | "target") =>
  node.locator(`.react-flow__handle.${type}[data-handleid="${handle}"]`);

async function centre(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error("element is not on screen");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses the mouse on one handle and releases it on another, moving in steps like a hand. */
export async function dragEdge(page: Page, from: Locator, to: Locator) {
  const start = await centre(from);
  const end = await centre(to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2 + 20, { steps: 8 });
  await page.mouse.move(end.x, end.y, { steps: 8 });
  await page.mouse.up();
}

/** Drags a palette entry onto the canvas and drops it at (x, y) of the viewport. */
export async function dropFromPalette(page: Page, name: string, at: { x: number; y: number }) {
  const pane = page.locator(".react-flow__pane");
  const box = await pane.boundingBox();
  if (!box) throw new Error("no canvas");
  await page
    .getByRole("button", { name: `Add ${name} node` })
    .dragTo(pane, { targetPosition: { x: at.x - box.x, y: at.y - box.y } });
}
