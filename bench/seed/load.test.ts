import { describe, expect, it } from "vitest";
import { REBUILD_AFTER_LOAD, firesAfterEachInsert } from "./load";

describe("triggers set aside during the load", () => {
  it("are the row triggers that run after an insert, not the checks before it nor the freezes on update", () => {
    // pg_trigger.tgtype of the app's triggers (migrations 0001, 0004, 0006, 0008).
    expect(firesAfterEachInsert(29)).toBe(true); // recommendations_follow_up_cells: AFTER INSERT OR UPDATE OR DELETE, row
    expect(firesAfterEachInsert(23)).toBe(false); // recommendations_completed_on: BEFORE INSERT OR UPDATE, row
    expect(firesAfterEachInsert(27)).toBe(false); // *_frozen: BEFORE UPDATE OR DELETE, row
    expect(firesAfterEachInsert(34)).toBe(false); // audit_log_no_truncate: BEFORE TRUNCATE, statement
    expect(firesAfterEachInsert(4)).toBe(false); // AFTER INSERT, statement
    expect(firesAfterEachInsert(1 | 4 | 64)).toBe(false); // INSTEAD OF INSERT, row
    expect(REBUILD_AFTER_LOAD.recommendations_follow_up_cells).toMatch(/^SELECT refresh_follow_up_cells\(\)$/);
  });
});
