import { z } from "zod";

/** A vendor's API origin or root: http(s) only; the URL policy checks the host on use. */
export const httpBaseUrl = z.url({ protocol: /^https?$/ });
