import { randomBytes, scryptSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMigratedDb, type Db } from "@tandem/db";
import { testDatabases } from "@tandem/db/testing";
import {
  callerWithToken,
  MEMBER_PASSWORD,
  rejection,
  seedMember,
  seedWorkspaces,
} from "../../test/fixtures";
import { lookupSession, signIn, signOut, signOutEverywhere, SIGN_IN_REFUSED } from "./auth-service";
import { SIGN_IN_RATE_LIMITS, SignInRateLimits } from "./sign-in-rate-limits";

describe.each(testDatabases())("sign-in and sessions on $name", (database) => {
  let db: Db;
  let clock = new Date();
  const now = () => clock;
  const limits = () => new SignInRateLimits(() => clock.getTime());
  const attempt = (
    email: string,
    password: string,
    extra: { address?: string; previousToken?: string } = {},
  ) =>
    signIn(
      { db, now, limits: sharedLimits },
      {
        email,
        password,
        clientAddress: extra.address ?? "192.0.2.1",
        previousToken: extra.previousToken ?? null,
      },
    );
  let sharedLimits = limits();

  beforeAll(async () => {
    db = await openMigratedDb(await database.create());
    await seedWorkspaces(db);
    await seedMember(db, "north", "operator");
    await seedMember(db, "south", "viewer");
    await db.user.create({
      data: {
        email: "nomember@north.test",
        passwordHash: (await db.user.findFirstOrThrow()).passwordHash,
      },
    });
  });
  afterAll(async () => {
    await db?.$disconnect();
  });

  it("signs a member in with the normalized email and finds the session by its token", async () => {
    const result = await attempt("  Operator@NORTH.test ", MEMBER_PASSWORD);
    if (!result.ok) throw new Error(result.message);
    const session = await lookupSession({ db, now }, result.token);
    expect(session).toMatchObject({
      user: { email: "operator@north.test" },
      workspace: { slug: "north" },
      role: "operator",
    });
    // Only the token's hash is stored.
    expect(await db.session.findUnique({ where: { id: result.token } })).toBeNull();
    expect(await db.session.findUnique({ where: { id: result.session.sessionId } })).not.toBeNull();
  });

  it("says the same thing for a wrong password, an unknown email and an account without a workspace", async () => {
    const answers = await Promise.all([
      attempt("operator@north.test", "not the password at all"),
      attempt("nobody@north.test", MEMBER_PASSWORD),
      attempt("nomember@north.test", MEMBER_PASSWORD),
      attempt("not an email", MEMBER_PASSWORD),
      attempt("operator@north.test", "x".repeat(5_000)),
    ]);
    for (const answer of answers)
      expect(answer).toEqual({ ok: false, reason: "refused", message: SIGN_IN_REFUSED });
  });

  it("ends a session planted before sign-in and issues a new token (no session fixation)", async () => {
    const planted = await attempt("viewer@south.test", MEMBER_PASSWORD);
    if (!planted.ok) throw new Error(planted.message);
    const victim = await attempt("operator@north.test", MEMBER_PASSWORD, {
      previousToken: planted.token,
    });
    if (!victim.ok) throw new Error(victim.message);
    expect(victim.token).not.toBe(planted.token);
    expect(await lookupSession({ db, now }, planted.token)).toBeNull();
    expect((await lookupSession({ db, now }, victim.token))?.user.email).toBe(
      "operator@north.test",
    );
  });

  it("refuses a token after sign-out, through the API too", async () => {
    const result = await attempt("operator@north.test", MEMBER_PASSWORD);
    if (!result.ok) throw new Error(result.message);
    expect((await callerWithToken(db, result.token).syncs.overview()).workspace.name).toBe(
      "north corp",
    );
    await signOut({ db }, result.token);
    expect(await lookupSession({ db, now }, result.token)).toBeNull();
    expect((await rejection(callerWithToken(db, result.token).syncs.overview())).code).toBe(
      "UNAUTHORIZED",
    );
  });

  it("signs out everywhere: every session of that user ends, other users' stay", async () => {
    const sessions = [];
    for (let i = 0; i < 3; i++) {
      const result = await attempt("operator@north.test", MEMBER_PASSWORD);
      if (!result.ok) throw new Error(result.message);
      sessions.push(result.token);
    }
    const other = await attempt("viewer@south.test", MEMBER_PASSWORD);
    if (!other.ok) throw new Error(other.message);
    expect(await signOutEverywhere({ db }, sessions[0])).toBeGreaterThanOrEqual(3);
    for (const token of sessions) expect(await lookupSession({ db, now }, token)).toBeNull();
    expect(await lookupSession({ db, now }, other.token)).not.toBeNull();
  });

  it("ends an idle session and one past its absolute expiry, and deletes it", async () => {
    const result = await attempt("viewer@south.test", MEMBER_PASSWORD);
    if (!result.ok) throw new Error(result.message);
    const policy = { idleMs: 60 * 60_000, absoluteMs: 3 * 60 * 60_000, touchEveryMs: 60_000 };
    const later = (minutes: number) => () => new Date(clock.getTime() + minutes * 60_000);
    await db.session.update({
      where: { id: result.session.sessionId },
      data: { idleExpiresAt: later(60)(), absoluteExpiresAt: later(180)() },
    });
    // Used after 50 minutes: still live, and idle for another hour from then.
    expect(await lookupSession({ db, now: later(50), policy }, result.token)).not.toBeNull();
    expect(await lookupSession({ db, now: later(100), policy }, result.token)).not.toBeNull();
    expect(await lookupSession({ db, now: later(150), policy }, result.token)).not.toBeNull();
    expect(await lookupSession({ db, now: later(175), policy }, result.token)).not.toBeNull();
    expect(await lookupSession({ db, now: later(181), policy }, result.token)).toBeNull();
    expect(await db.session.findUnique({ where: { id: result.session.sessionId } })).toBeNull();

    const idle = await attempt("viewer@south.test", MEMBER_PASSWORD);
    if (!idle.ok) throw new Error(idle.message);
    expect(
      await lookupSession(
        { db, now: () => new Date(idle.session.absoluteExpiresAt.getTime() - 1) },
        idle.token,
      ),
    ).toBeNull();
  });

  it("reads the role on every request: a revoked membership signs the session out of the workspace", async () => {
    const { user, workspace } = await seedMember(db, "north", "viewer");
    const result = await attempt("viewer@north.test", MEMBER_PASSWORD);
    if (!result.ok) throw new Error(result.message);
    await db.membership.update({
      where: { userId_workspaceId: { userId: user.id, workspaceId: workspace.id } },
      data: { role: "admin" },
    });
    expect((await lookupSession({ db, now }, result.token))?.role).toBe("admin");
    await db.membership.delete({
      where: { userId_workspaceId: { userId: user.id, workspaceId: workspace.id } },
    });
    expect(await lookupSession({ db, now }, result.token)).toBeNull();
  });

  it("rate-limits sign-in per account, before the password is checked, with a retry time", async () => {
    sharedLimits = limits();
    for (let i = 0; i < 10; i++)
      expect((await attempt("operator@north.test", `wrong password ${i}`)).ok).toBe(false);
    // The right password, from another address: the account's bucket is empty.
    const limited = await attempt("operator@north.test", MEMBER_PASSWORD, {
      address: "198.51.100.7",
    });
    expect(limited).toMatchObject({ ok: false, reason: "rate-limited", retryAfterSeconds: 30 });
    // Another account is not affected.
    expect(
      (await attempt("viewer@south.test", MEMBER_PASSWORD, { address: "198.51.100.7" })).ok,
    ).toBe(true);
    clock = new Date(clock.getTime() + 30_000);
    expect(
      (await attempt("operator@north.test", MEMBER_PASSWORD, { address: "198.51.100.7" })).ok,
    ).toBe(true);
  });

  it("rate-limits sign-in per client address across accounts", async () => {
    // A small per-address bucket (the defaults allow 30 at once): every attempt costs a scrypt.
    sharedLimits = new SignInRateLimits(() => clock.getTime(), {
      ...SIGN_IN_RATE_LIMITS,
      perAddress: { capacity: 4, refillPerSecond: 1 / 5, maxKeys: 100 },
    });
    for (let i = 0; i < 4; i++)
      expect(
        await attempt(`guess${i}@north.test`, "any password here", { address: "203.0.113.9" }),
      ).toMatchObject({ reason: "refused" });
    const limited = await attempt("operator@north.test", MEMBER_PASSWORD, {
      address: "203.0.113.9",
    });
    expect(limited).toMatchObject({ ok: false, reason: "rate-limited", retryAfterSeconds: 5 });
    expect(
      (await attempt("operator@north.test", MEMBER_PASSWORD, { address: "203.0.113.10" })).ok,
    ).toBe(true);
  });

  it("replaces a hash made under older scrypt parameters at the next sign-in", async () => {
    const { user } = await seedMember(db, "south", "operator");
    const salt = randomBytes(16);
    const key = scryptSync(MEMBER_PASSWORD, salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const older = `scrypt$${2 ** 14}$8$1$${salt.toString("base64")}$${key.toString("base64")}`;
    await db.user.update({ where: { id: user.id }, data: { passwordHash: older } });
    expect((await attempt("operator@south.test", MEMBER_PASSWORD)).ok).toBe(true);
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(passwordHash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect((await attempt("operator@south.test", MEMBER_PASSWORD)).ok).toBe(true);
  });

  it("signs no one in with a token that was made up", async () => {
    const forged = randomBytes(32).toString("base64url");
    expect(await lookupSession({ db, now }, forged)).toBeNull();
    expect((await rejection(callerWithToken(db, forged).mappings.list())).code).toBe(
      "UNAUTHORIZED",
    );
  });
});
