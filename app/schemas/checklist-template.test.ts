import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { INDICATORS } from "~/domain/indicators";
import {
  type ChecklistTemplateFileInput,
  TEMPLATE_LIMITS,
  checklistTemplateFileSchema,
  formatTemplateIssues,
  itemAddSchema,
  itemRuleProblems,
  parseTemplateFile,
  templateActionSchema,
} from "./checklist-template";

const SHIPPED = path.resolve(__dirname, "../../templates/checklists/one-stop-shop.json");

function small(): ChecklistTemplateFileInput {
  return {
    code: "mot-cua",
    title: "Phiếu thử",
    sections: [
      { code: "A", title: "Tổ chức", items: [{ code: "A1", text: "Có quy chế." }] },
      {
        code: "B",
        title: "Niêm yết",
        items: [
          { code: "B1", text: "Niêm yết đủ." },
          { code: "B2", text: "Đúng cơ sở dữ liệu quốc gia." },
          { code: "B3", text: "Mẫu đơn sau thủ tục." },
        ],
      },
    ],
  };
}

function refusal(input: unknown): string {
  const result = parseTemplateFile(JSON.stringify(input));
  if (result.ok) throw new Error("expected the file to be refused");
  return result.message;
}

describe("the shipped one-stop-shop template", () => {
  const result = parseTemplateFile(readFileSync(SHIPPED));
  const template = result.ok ? result.template : null;

  it("passes the file schema", () => {
    expect(result).toMatchObject({ ok: true });
  });

  it("has sections A–F as DOMAIN.md lists them and 35–45 items", () => {
    expect(template!.code).toBe("mot-cua");
    expect(template!.version).toBe(1);
    expect(template!.title).toBe("Phiếu kiểm tra Bộ phận Một cửa cấp xã");
    expect(template!.sections.map((s) => s.code)).toEqual(["A", "B", "C", "D", "E", "F"]);
    const items = template!.sections.flatMap((s) => s.items);
    expect(items.length).toBeGreaterThanOrEqual(35);
    expect(items.length).toBeLessThanOrEqual(45);
    for (const section of template!.sections) {
      expect(section.items.length, section.code).toBeGreaterThan(0);
      for (const [i, item] of section.items.entries()) expect(item.code).toBe(`${section.code}${i + 1}`);
    }
  });

  it("gives every item a statement, guidance and a legal basis under the 2025 rules or the posting rule", () => {
    for (const item of template!.sections.flatMap((s) => s.items)) {
      expect(item.text.length, item.code).toBeGreaterThan(10);
      expect(item.guidance.length, item.code).toBeGreaterThan(10);
      expect(item.legalBasis, item.code).not.toMatch(/61\/2018|107\/2021/);
    }
    const bases = (code: string) => template!.sections.find((s) => s.code === code)!.items.map((i) => i.legalBasis);
    for (const basis of [...bases("B"), ...bases("C")]) expect(basis).toContain("Thông tư 02/2017/TT-VPCP");
    for (const basis of bases("A")) expect(basis).toContain("Nghị định 118/2025/NĐ-CP");
  });

  it("asks for forms 01 to 07 of Thông tư 03/2025/TT-VPCP in section E", () => {
    const e = template!.sections.find((s) => s.code === "E")!.items;
    const text = e.map((i) => `${i.text} ${i.legalBasis}`).join("\n");
    for (const n of ["01", "02", "03", "04", "05", "06", "07"]) expect(text).toContain(`Mẫu số ${n}`);
    expect(e.some((i) => i.answerType === "number")).toBe(true);
  });

  it("makes section F indicator items with the seed 000 targets", () => {
    const f = template!.sections.find((s) => s.code === "F")!.items;
    expect(f.every((i) => i.answerType === "indicator")).toBe(true);
    const known = new Set(INDICATORS.map((d) => d.code));
    for (const item of f) expect(known.has(item.indicatorCode!)).toBe(true);
    const targets = Object.fromEntries(f.filter((i) => i.targetPercent !== undefined).map((i) => [i.indicatorCode, i.targetPercent]));
    expect(targets).toEqual({ on_time_rate: 98, online_filing_rate: 60, digitisation_rate: 80, online_payment_rate: 60, satisfaction_rate: 90 });
    const other = template!.sections.filter((s) => s.code !== "F").flatMap((s) => s.items);
    expect(other.every((i) => i.answerType !== "indicator")).toBe(true);
  });
});

describe("checklistTemplateFileSchema", () => {
  it("fills in the optional fields and normalises text to NFC, trimmed", () => {
    const input = small();
    input.title = "  Phiếu kiểm tra Bộ phận Một cửa  ".normalize("NFD");
    const parsed = checklistTemplateFileSchema.parse(input);
    expect(parsed.title).toBe("Phiếu kiểm tra Bộ phận Một cửa");
    expect(parsed.description).toBe("");
    expect(parsed.sections[0].items[0]).toEqual({ code: "A1", text: "Có quy chế.", guidance: "", answerType: "tri_state", legalBasis: "" });
  });

  it("names the place of a missing item text", () => {
    const input = small();
    delete (input.sections[1].items[2] as { text?: string }).text;
    expect(refusal(input)).toBe("Tệp mẫu phiếu không đúng định dạng: Phần 2, tiêu chí 3: thiếu nội dung tiêu chí.");
  });

  it("treats a blank text as missing", () => {
    const input = small();
    input.sections[0].items[0].text = "   ";
    expect(refusal(input)).toContain("Phần 1, tiêu chí 1: thiếu nội dung tiêu chí");
  });

  it("says what is missing at the top level", () => {
    expect(refusal({ title: "x" })).toBe("Tệp mẫu phiếu không đúng định dạng: Thiếu mã mẫu phiếu; Thiếu danh sách phần (sections).");
    expect(refusal([])).toContain("Tệp phải chứa một đối tượng JSON mô tả mẫu phiếu");
  });

  it("refuses a duplicate section code", () => {
    const input = small();
    input.sections[1].code = "A";
    expect(refusal(input)).toContain('Phần 2: mã phần "A" trùng với phần 1');
  });

  it("refuses a duplicate item code anywhere in the template", () => {
    const input = small();
    input.sections[1].items[1].code = "A1";
    expect(refusal(input)).toContain('Phần 2, tiêu chí 2: mã tiêu chí "A1" trùng với phần 1, tiêu chí 1');
  });

  it("refuses an indicator item without a known indicator code", () => {
    const input = small();
    input.sections[1].items[0] = { code: "B1", text: "Tỷ lệ", answerType: "indicator", indicatorCode: "ti_le_la" };
    expect(refusal(input)).toContain('Phần 2, tiêu chí 1: mã chỉ số "ti_le_la" không có trong danh mục chỉ số');
    input.sections[1].items[0] = { code: "B1", text: "Tỷ lệ", answerType: "indicator" };
    expect(refusal(input)).toContain("Phần 2, tiêu chí 1: tiêu chí loại chỉ số phải có mã chỉ số");
  });

  it("keeps targets to 0–100 % on rate indicators", () => {
    const input = small();
    input.sections[0].items[0] = { code: "A1", text: "Đúng hạn", answerType: "indicator", indicatorCode: "on_time_rate", targetPercent: 101 };
    expect(refusal(input)).toContain("Phần 1, tiêu chí 1: chỉ tiêu phải từ 0 đến 100%");
    input.sections[0].items[0].targetPercent = -1;
    expect(refusal(input)).toContain("chỉ tiêu phải từ 0 đến 100%");
    input.sections[0].items[0].targetPercent = 97.875;
    expect(refusal(input)).toContain("chỉ tiêu có tối đa 2 chữ số thập phân");
    input.sections[0].items[0] = { code: "A1", text: "Số hồ sơ", answerType: "indicator", indicatorCode: "dossiers_received", targetPercent: 50 };
    expect(refusal(input)).toContain("chỉ tiêu (%) chỉ dùng cho tiêu chí chỉ số dạng tỷ lệ");
    input.sections[0].items[0] = { code: "A1", text: "Có quy chế", targetPercent: 50 };
    expect(refusal(input)).toContain("chỉ tiêu (%) chỉ dùng cho tiêu chí chỉ số dạng tỷ lệ");
  });

  it("refuses unknown fields and answer types by name", () => {
    const input = small() as unknown as { sections: { items: Record<string, unknown>[] }[] };
    input.sections[0].items[0].legalbasis = "Nghị định";
    expect(refusal(input)).toContain('Phần 1, tiêu chí 1: tiêu chí có trường không được hỗ trợ: "legalbasis"');
    const other = small() as unknown as { sections: { items: Record<string, unknown>[] }[] };
    other.sections[0].items[0].answerType = "yes_no";
    expect(refusal(other)).toContain("Phần 1, tiêu chí 1: loại trả lời phải là một trong");
  });

  it("bounds the number of sections and items", () => {
    const sections = Array.from({ length: TEMPLATE_LIMITS.sections + 1 }, (_, s) => ({ code: `S${s}`, title: "Phần", items: [{ code: `S${s}.1`, text: "Có" }] }));
    expect(refusal({ ...small(), sections })).toContain(`Mẫu phiếu có tối đa ${TEMPLATE_LIMITS.sections} phần`);
    const many = Array.from({ length: 11 }, (_, s) => ({
      code: `S${s}`,
      title: "Phần",
      items: Array.from({ length: 50 }, (_, i) => ({ code: `S${s}.${i}`, text: "Có" })),
    }));
    expect(refusal({ ...small(), sections: many })).toContain("Mẫu phiếu có tối đa 500 tiêu chí (tệp có 550)");
  });

  it("refuses a template without any item", () => {
    expect(refusal({ ...small(), sections: [{ code: "A", title: "Trống", items: [] }] })).toContain("Mẫu phiếu phải có ít nhất một tiêu chí");
  });
});

describe("parseTemplateFile", () => {
  it("refuses text that is not JSON, an empty file and a file over 1 MB", () => {
    expect(parseTemplateFile("{ \"code\": \"mot-cua\", ")).toEqual({ ok: false, message: expect.stringMatching(/^Tệp không phải JSON hợp lệ/) });
    expect(parseTemplateFile("")).toEqual({ ok: false, message: "Tệp rỗng: hãy chọn tệp JSON của mẫu phiếu." });
    const big = JSON.stringify({ ...small(), description: "x".repeat(TEMPLATE_LIMITS.fileBytes) });
    expect(parseTemplateFile(big)).toEqual({ ok: false, message: expect.stringMatching(/^Tệp quá lớn \(1,0 MB\); tệp mẫu phiếu tối đa 1 MB\.$/) });
  });

  it("refuses bytes that are not UTF-8 and accepts a byte order mark", () => {
    expect(parseTemplateFile(new Uint8Array([0x7b, 0xff, 0x7d]))).toEqual({ ok: false, message: expect.stringContaining("UTF-8") });
    const withBom = new TextEncoder().encode(`\uFEFF${JSON.stringify(small())}`);
    expect(parseTemplateFile(withBom)).toMatchObject({ ok: true, template: { code: "mot-cua" } });
  });
});

describe("formatTemplateIssues", () => {
  it("lists the first five problems and counts the rest", () => {
    const input = small();
    input.sections[1].items = Array.from({ length: 7 }, (_, i) => ({ code: `B${i + 1}`, text: "" }));
    const parsed = checklistTemplateFileSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    const message = formatTemplateIssues(parsed.error!.issues);
    expect(message.match(/thiếu nội dung tiêu chí/g)).toHaveLength(5);
    expect(message).toMatch(/^Phần 2, tiêu chí 1: thiếu nội dung tiêu chí;/);
    expect(message).toMatch(/; và 2 lỗi khác\.$/);
  });
});

describe("item rules shared by the file, the forms and the model", () => {
  it("accepts an indicator item with a known code and a rate target, and a plain item without either", () => {
    expect(itemRuleProblems({ answerType: "indicator", indicatorCode: "online_payment_rate", targetPercent: 60 })).toEqual([]);
    expect(itemRuleProblems({ answerType: "indicator", indicatorCode: "dossiers_received", targetPercent: null })).toEqual([]);
    expect(itemRuleProblems({ answerType: "tri_state", indicatorCode: null, targetPercent: null })).toEqual([]);
  });

  it("refuses an indicator code on an item that is not an indicator", () => {
    expect(itemRuleProblems({ answerType: "number", indicatorCode: "on_time_rate" })).toEqual([
      { field: "indicatorCode", message: "Chỉ tiêu chí loại chỉ số mới có mã chỉ số." },
    ]);
  });

  it("the add-item form puts the problem on its field", () => {
    const result = itemAddSchema.safeParse({
      intent: "add_item",
      sectionId: 3,
      code: "F9",
      text: "Tỷ lệ",
      guidance: "",
      answerType: "indicator",
      legalBasis: "",
      indicatorCode: null,
      targetPercent: null,
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["indicatorCode", "Tiêu chí loại chỉ số phải có mã chỉ số."]]);
  });

  it("the page's action tells the forms apart by intent", () => {
    expect(templateActionSchema.parse({ intent: "publish" })).toEqual({ intent: "publish" });
    expect(templateActionSchema.parse({ intent: "remove_item", itemId: 4 })).toEqual({ intent: "remove_item", itemId: 4 });
    expect(templateActionSchema.safeParse({ intent: "drop_table" }).success).toBe(false);
    const edit = templateActionSchema.parse({ intent: "edit_item", itemId: 4, text: " Có quy chế ".normalize("NFD"), guidance: "", legalBasis: "", targetPercent: null });
    expect(edit).toMatchObject({ text: "Có quy chế" });
  });
});
