import { describe, expect, it } from "vitest";
import { buildTree, flattenTree } from "./unit-tree";

const unit = (id: number, name: string, parentId: number | null) => ({ id, name, parentId });

describe("buildTree", () => {
  it("nests by parent, sets depth, and orders names the Vietnamese way", () => {
    const tree = buildTree([
      unit(1, "Thành phố Dĩ An", null),
      unit(2, "Phường Tân Bình", 1),
      unit(3, "Phường Đông Hòa", 1),
      unit(4, "Phường Dĩ An", 1),
      unit(5, "Phường An Bình", 1),
      unit(6, "UBND phường Đông Hòa", 3),
    ]);
    const flat = flattenTree(tree).map((n) => `${n.depth}:${n.name}`);
    // Đ sorts right after D, not after Z as in byte order.
    expect(flat).toEqual([
      "0:Thành phố Dĩ An",
      "1:Phường An Bình",
      "1:Phường Dĩ An",
      "1:Phường Đông Hòa",
      "2:UBND phường Đông Hòa",
      "1:Phường Tân Bình",
    ]);
  });
});
