import type { AdminFormField, AdminRow } from "./admin-api";

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function renderInput(field: AdminFormField, value: string, formId: string): string {
  const common = `name="${escapeHtml(field.name)}" aria-label="${escapeHtml(field.label)}" form="${formId}"`;
  if (field.options) {
    const options = field.options
      .map((option) => {
        const selected = option === value ? " selected" : "";
        return `<option value="${escapeHtml(option)}"${selected}>${escapeHtml(option)}</option>`;
      })
      .join("");
    return `<select ${common}>${options}</select>`;
  }
  return `<input type="text" ${common} value="${escapeHtml(value)}">`;
}

function renderRow(fields: readonly AdminFormField[], row: AdminRow): string {
  const formId = `employee-${escapeHtml(row.id)}`;
  const cells = fields
    .map((field) => `<td>${renderInput(field, row.values[field.name] ?? "", formId)}</td>`)
    .join("");
  return `<tr data-employee-id="${escapeHtml(row.id)}"><td><code>${escapeHtml(row.id)}</code></td>${cells}
<td><form id="${formId}" data-employee-id="${escapeHtml(row.id)}"><button type="submit">Save</button> <output role="status"></output></form></td></tr>`;
}

function renderNewEmployeeRow(fields: readonly AdminFormField[]): string {
  const cells = fields
    .map((field) => `<td>${renderInput(field, field.options?.[0] ?? "", "new-employee")}</td>`)
    .join("");
  return `<tr data-new-employee><td>new</td>${cells}
<td><form id="new-employee"><button type="submit">Add employee</button> <output role="status"></output></form></td></tr>`;
}

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #1f2328; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
p { color: #57606a; margin: 0 0 1rem; }
table { border-collapse: collapse; }
th, td { border-bottom: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; }
th { background: #f6f8fa; }
input, select { font: inherit; padding: .15rem .3rem; width: 11rem; }
button { font: inherit; padding: .15rem .7rem; cursor: pointer; }
output { color: #1a7f37; }
output.error { color: #cf222e; }`;

const SCRIPT = `
document.addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const id = form.dataset.employeeId;
  const status = form.querySelector("output");
  status.className = "";
  status.textContent = "Saving…";
  const response = await fetch(id ? "/_admin/employees/" + encodeURIComponent(id) : "/_admin/employees", {
    method: id ? "PATCH" : "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(Object.fromEntries(new FormData(form))),
  });
  if (response.ok) {
    status.textContent = "Saved";
    if (!id) location.reload();
  } else {
    const body = await response.json().catch(() => ({}));
    status.className = "error";
    status.textContent = body.error ?? "Failed with " + response.status;
  }
});`;

/** The simulator's stand-in for the vendor's own UI: one editable row per employee. */
export function renderAdminPage(options: {
  vendorName: string;
  fields: readonly AdminFormField[];
  rows: readonly AdminRow[];
  webhookUrl: string | null;
}): string {
  const title = `${options.vendorName} simulator`;
  const headers = options.fields.map((field) => `<th>${escapeHtml(field.label)}</th>`).join("");
  const webhook = options.webhookUrl
    ? `Webhooks go to <code>${escapeHtml(options.webhookUrl)}</code>.`
    : "No webhook target is set.";
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>Edits here act like a person using ${escapeHtml(options.vendorName)}: they change the record and fire a webhook. ${webhook}</p>
<table>
<thead><tr><th>ID</th>${headers}<th></th></tr></thead>
<tbody>
${options.rows.map((row) => renderRow(options.fields, row)).join("\n")}
${renderNewEmployeeRow(options.fields)}
</tbody>
</table>
<script>${SCRIPT}</script>
</body>
</html>`;
}
