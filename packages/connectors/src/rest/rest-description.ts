import { EMPLOYEE_FIELDS, EMPLOYMENT_STATUSES, type Employee } from "@tandem/hr-model";
import { z } from "zod";
import { FieldDescriptionSchema } from "../connector-description";
import { ConnectorError } from "../contract";

/**
 * A dotted path into a JSON object, e.g. `name.first` or `data.id`. Keys only: arrays are
 * not indexed, which keeps reads and writes symmetric.
 */
export const JsonPath = z
  .string()
  .regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, "expected a dotted JSON path such as name.first");

/**
 * Where a record keeps a field: a JSON path that is also a valid mapping field id (segments
 * start with a letter or _), because the mapping editor addresses the field by it.
 */
const FieldPath = FieldDescriptionSchema.shape.id;

/** A path below the base URL; `{id}` is replaced by the URL-encoded record id. */
const ApiPath = z.string().regex(/^\/[^\s?#]*$/, "expected a path starting with / (no query)");
const ApiPathWithId = ApiPath.refine((path) => path.includes("{id}"), {
  message: "expected the path to contain {id}",
});
const HeaderName = z.string().regex(/^[A-Za-z0-9-]+$/, "expected an HTTP header name");
const QueryParam = z.string().min(1);

const CursorPaging = z
  .object({
    style: z.literal("cursor"),
    /** Query parameter that carries the cursor of the next page (absent on the first). */
    cursorParam: QueryParam,
    /** Query parameter for the page size; the connector sends none when absent. */
    limitParam: QueryParam.optional(),
    /** Where the reply holds the next cursor; null, absent or "" means the last page. */
    nextCursorPath: JsonPath,
  })
  .strict();

const PagePaging = z
  .object({
    style: z.literal("page"),
    pageParam: QueryParam.default("page"),
    perPageParam: QueryParam.default("per_page"),
    /** The number of the first page: 1 for most APIs, 0 for some. */
    firstPage: z.number().int().min(0).default(1),
  })
  .strict();

const AuthScheme = z.discriminatedUnion("type", [
  /** `Authorization: Bearer <credential>`. */
  z.object({ type: z.literal("bearer") }).strict(),
  /** `<name>: <credential>`, e.g. `X-API-Key`. */
  z.object({ type: z.literal("header"), name: HeaderName }).strict(),
]);

const StatusEnum = z.partialRecord(z.string().min(1), z.enum(EMPLOYMENT_STATUSES));

const FieldMapping = z.union([
  FieldPath,
  z
    .object({
      path: FieldPath,
      /** Read from the system but never written: left out of `syncedFields`. */
      readOnly: z.boolean().default(false),
      /** Status only: the system's values → the normalized statuses. */
      enum: StatusEnum.optional(),
    })
    .strict(),
]);

const WebhookPayload = z
  .object({
    typePath: JsonPath.default("type"),
    idPath: JsonPath.default("data.id"),
    /** ISO 8601 string or unix seconds; `webhook-timestamp` is used when absent. */
    changedAtPath: JsonPath.default("timestamp"),
    /** Event types per action; any other type is verified and ignored. */
    eventTypes: z
      .object({
        created: z.array(z.string().min(1)).default(["employee.created"]),
        updated: z.array(z.string().min(1)).default(["employee.updated"]),
        deleted: z.array(z.string().min(1)).default(["employee.deleted"]),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type RestWebhookPayload = z.output<typeof WebhookPayload>;
export const DEFAULT_WEBHOOK_PAYLOAD: RestWebhookPayload = WebhookPayload.parse({});

/**
 * The JSON description of a REST system (`format: "tandem.rest/v1"`): its employee endpoints,
 * paging, auth, the JSON paths of each normalized `Employee` field, and the webhook payload.
 */
export const RestDescription = z
  .object({
    format: z.literal("tandem.rest/v1"),
    auth: AuthScheme,
    /** Where a record keeps its id. */
    idPath: FieldPath.default("id"),
    /** Header that carries the idempotency key on writes. */
    idempotencyKeyHeader: HeaderName.default("Idempotency-Key"),
    defaultPageSize: z.number().int().min(1).max(10_000).default(100),
    endpoints: z
      .object({
        list: z
          .object({
            path: ApiPath,
            /** Where the reply holds the array of records; the reply itself when absent. */
            itemsPath: JsonPath.optional(),
            paging: z.discriminatedUnion("style", [CursorPaging, PagePaging]),
          })
          .strict(),
        get: z
          .object({
            path: ApiPathWithId,
            /** Where the reply holds the record; the reply itself when absent. */
            itemPath: JsonPath.optional(),
          })
          .strict(),
        create: z
          .object({
            method: z.literal("POST").default("POST"),
            path: ApiPath,
            /** The new id: at a JSON path of the reply, or the last segment of `Location`. */
            id: z.discriminatedUnion("from", [
              z.object({ from: z.literal("body"), path: JsonPath }).strict(),
              z.object({ from: z.literal("location") }).strict(),
            ]),
          })
          .strict(),
        update: z
          .object({
            /** PUT replaces: the connector sends the current record with its fields merged in. */
            method: z.enum(["PUT", "PATCH"]),
            path: ApiPathWithId,
          })
          .strict(),
      })
      .strict(),
    fields: z.partialRecord(z.enum(EMPLOYEE_FIELDS), FieldMapping),
    webhook: WebhookPayload.prefault({}),
  })
  .strict()
  .superRefine((description, context) => {
    for (const required of ["firstName", "lastName"] as const) {
      if (description.fields[required] === undefined) {
        context.addIssue({
          code: "custom",
          path: ["fields", required],
          message: `${required} must be mapped: every Employee has one`,
        });
      }
    }
    for (const [name, mapping] of Object.entries(description.fields)) {
      if (typeof mapping === "object" && mapping.enum !== undefined && name !== "status") {
        context.addIssue({
          code: "custom",
          path: ["fields", name, "enum"],
          message: "an enum table is only supported on status",
        });
      }
    }
  });
export type RestDescription = z.output<typeof RestDescription>;
/** The description as written in JSON, before defaults are filled in. */
export type RestDescriptionInput = z.input<typeof RestDescription>;

/** One mapped field, with the shorthand `"field": "path"` expanded. */
export interface RestFieldMapping {
  field: keyof Employee;
  path: string;
  readOnly: boolean;
  /** Status only: the system's value → the normalized status. */
  enum?: Partial<Record<string, Employee["status"]>>;
}

export function fieldMappings(description: RestDescription): RestFieldMapping[] {
  const mappings: RestFieldMapping[] = [];
  for (const field of EMPLOYEE_FIELDS) {
    const mapping = description.fields[field];
    if (mapping === undefined) continue;
    mappings.push(
      typeof mapping === "string"
        ? { field, path: mapping, readOnly: false }
        : { field, path: mapping.path, readOnly: mapping.readOnly, enum: mapping.enum },
    );
  }
  return mappings;
}

/** The normalized fields this description both reads and writes. */
export function syncedFieldsOf(description: RestDescription): (keyof Employee)[] {
  return fieldMappings(description)
    .filter((mapping) => !mapping.readOnly)
    .map((mapping) => mapping.field);
}

function describeIssue(issue: z.core.$ZodIssue, parentPath: readonly PropertyKey[] = []): string {
  const path = [...parentPath, ...issue.path];
  if (issue.code === "invalid_union") {
    // A shorthand-or-object field: report the branch whose type matched, not "Invalid input".
    const matching = issue.errors.filter(
      (branch) =>
        !branch.every((inner) => inner.code === "invalid_type" && inner.path.length === 0),
    );
    const [only] = matching;
    if (matching.length === 1 && only !== undefined) {
      return only.map((inner) => describeIssue(inner, path)).join("; ");
    }
  }
  const at = ["description", ...path.map(String)].join(".");
  if (issue.code === "unrecognized_keys") {
    return `${at}: unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`;
  }
  return `${at}: ${issue.message}`;
}

/**
 * Validates a description written as JSON. A malformed one is a permanent ConnectorError
 * naming every bad key, e.g. `description.endpoints.get.path: expected the path to contain {id}`.
 */
export function parseRestDescription(input: unknown): RestDescription {
  const result = RestDescription.safeParse(input);
  if (result.success) return result.data;
  throw new ConnectorError(
    `Invalid REST description: ${result.error.issues.map((issue) => describeIssue(issue)).join("; ")}`,
    "permanent",
  );
}
