import { describe, expect, it } from "vitest";
import { parseDelimited } from "./csv";

describe("parseDelimited", () => {
  it("reads commas, quotes, doubled quotes and blank lines", () => {
    expect(parseDelimited('from,to\nFull-Time,full_time\n\n"Part, time","say ""hi"""\r\n')).toEqual(
      [
        ["from", "to"],
        ["Full-Time", "full_time"],
        ["Part, time", 'say "hi"'],
      ],
    );
  });

  it("reads tab-separated rows pasted from a spreadsheet", () => {
    expect(parseDelimited("A\t1\nB\t2")).toEqual([
      ["A", "1"],
      ["B", "2"],
    ]);
  });
});
