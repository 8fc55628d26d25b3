import { services } from "~/server/services";

export const dynamic = "force-dynamic";

export async function GET() {
  const { db } = services();
  await db.workspace.count();
  return Response.json({ ok: true });
}
