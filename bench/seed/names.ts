/**
 * Names that read like real Vietnamese ones: the 34 provinces since 01/7/2025, commune names made of
 * two place-name syllables ("Tân Phú", "Hòa Lợi"), people's names as family, middle and given name.
 * All NFC.
 */
import type { Rng } from "./prng";

const nfc = (items: string[]) => items.map((item) => item.normalize("NFC"));

/** [name as written after "Tỉnh"/"Thành phố", is a city]. Bình Dương (the demo's) stands for TP Hồ Chí Minh. */
export const PROVINCES: readonly (readonly [string, boolean])[] = [
  ["Hà Nội", true], ["Huế", true], ["Lai Châu", false], ["Điện Biên", false], ["Sơn La", false], ["Lạng Sơn", false],
  ["Quảng Ninh", false], ["Thanh Hóa", false], ["Nghệ An", false], ["Hà Tĩnh", false], ["Cao Bằng", false],
  ["Tuyên Quang", false], ["Lào Cai", false], ["Thái Nguyên", false], ["Phú Thọ", false], ["Bắc Ninh", false],
  ["Hưng Yên", false], ["Hải Phòng", true], ["Ninh Bình", false], ["Quảng Trị", false], ["Đà Nẵng", true],
  ["Gia Lai", false], ["Khánh Hòa", false], ["Lâm Đồng", false], ["Đắk Lắk", false], ["Đồng Nai", false],
  ["Tây Ninh", false], ["Cần Thơ", true], ["Vĩnh Long", false], ["Đồng Tháp", false], ["Cà Mau", false],
  ["An Giang", false],
].map(([name, city]) => [(name as string).normalize("NFC"), city as boolean] as const);

const PLACE_SYLLABLES = nfc([
  "An", "Bình", "Phú", "Tân", "Hòa", "Long", "Mỹ", "Thạnh", "Hưng", "Lộc", "Thuận", "Phước", "Đông", "Tây",
  "Nam", "Bắc", "Trung", "Hiệp", "Lợi", "Thành", "Vĩnh", "Quang", "Hải", "Sơn", "Thủy", "Xuân", "Cẩm", "Gia",
  "Kim", "Ngọc", "Đức", "Minh", "Hồng", "Thái", "Phong", "Lạc", "Yên", "Định", "Khánh", "Hà", "Lâm", "Thịnh",
  "Tiến", "Châu", "Quý", "Cát", "Nghĩa", "Hội", "Thắng", "Tường", "Bảo", "Diên", "Mai", "Đại",
]);

const FAMILY = nfc(["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Mai", "Tạ"]);
const MIDDLE_MALE = nfc(["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Xuân", "Hoài", "Ngọc"]);
const MIDDLE_FEMALE = nfc(["Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Kim", "Hoài", "Phương", "Mỹ"]);
const GIVEN_MALE = nfc(["An", "Bình", "Cường", "Dũng", "Hải", "Hiếu", "Hùng", "Khánh", "Long", "Nam", "Phong", "Phúc", "Quang", "Sơn", "Tâm", "Thắng", "Trung", "Tuấn", "Việt", "Vinh", "Toàn", "Đạt", "Lâm", "Nghĩa"]);
const GIVEN_FEMALE = nfc(["Anh", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngân", "Nhung", "Oanh", "Phượng", "Thảo", "Trang", "Vân", "Yến", "Thủy", "Hằng", "Loan", "Dung"]);

export type CommuneKind = "xã" | "phường" | "đặc khu";

export function communeKindOf(rng: Rng): CommuneKind {
  return rng.weighted([["xã", 2621], ["phường", 687], ["đặc khu", 13]] as const);
}

/**
 * A commune name not yet in `taken` (names are unique within a province): two syllables, or, once
 * the pairs run out, the pair and a number.
 */
export function communeName(rng: Rng, taken: Set<string>): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const [a, b] = rng.sample(PLACE_SYLLABLES, 2);
    const name = `${a} ${b}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  for (let n = 2; ; n++) {
    const [a, b] = rng.sample(PLACE_SYLLABLES, 2);
    const name = `${a} ${b} ${n}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

export type Person = { fullName: string; female: boolean };

export function personName(rng: Rng): Person {
  const female = rng.chance(0.45);
  const family = rng.pick(FAMILY);
  const middle = rng.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE);
  const given = rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
  return { fullName: `${family} ${middle} ${given}`, female };
}

/** "Xã", "Phường", "Đặc khu" at the start of a unit name. */
export function capitalised(kind: CommuneKind): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}
