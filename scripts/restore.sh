#!/usr/bin/env bash
# `npm run restore -- <dir> [--force]`: restores a backup made by `npm run backup` into the
# PostgreSQL database DATABASE_URL and the attachments into ATTACHMENTS_DIR (default
# data/attachments), then checks the result (scripts/verify-restore.ts). Stop the app first.
#
#   1. the sha256 of database.dump and attachments.tar.gz must equal manifest.json's;
#   2. the target database must be empty and ATTACHMENTS_DIR empty or absent, unless --force:
#      then the schemas public and drizzle are dropped and recreated, in the same transaction as
#      the restore (a failed restore leaves the old database as it was), and the archived files
#      are written over ATTACHMENTS_DIR (files not in the backup stay);
#   3. pg_restore --no-owner --no-privileges --exit-on-error into psql, all in one transaction;
#   4. the attachments are unpacked;
#   5. verification: every table's row count equals the manifest's, drizzle's migrations table
#      holds every migration of db/migrations (the app starts without migrating), and every
#      attachment row has its file with the recorded sha256.
#
# Exit codes: 0 restored and verified; 1 a step or the verification failed; 2 wrong arguments or
# environment; 3 refused: the target is not empty (use --force); 4 refused: a checksum differs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

fail() {
  echo "Khôi phục thất bại: $1" >&2
  exit "${2:-1}"
}

usage="cách dùng: npm run restore -- <thư mục sao lưu> [--force]"
force=0
dir=""
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    -*) fail "$usage" 2 ;;
    *) [[ -z "$dir" ]] || fail "$usage" 2; dir="$arg" ;;
  esac
done
[[ -n "$dir" ]] || fail "$usage" 2

if [[ -z "${DATABASE_URL:-}" ]]; then
  cat >&2 <<EOF
Không khôi phục được: DATABASE_URL chưa được đặt (cơ sở dữ liệu đích phải là một máy chủ PostgreSQL).
Với cơ sở dữ liệu nhúng PGlite: dừng ứng dụng, chép thư mục dữ liệu PGlite (${PGLITE_DATA_DIR:-data/pglite})
và thư mục tệp đính kèm (${ATTACHMENTS_DIR:-data/attachments}) đã sao lưu về chỗ cũ, rồi khởi động lại.
EOF
  exit 2
fi

for tool in pg_restore psql sha256sum tar node; do
  command -v "$tool" >/dev/null || fail "không tìm thấy lệnh $tool (cài gói postgresql-client và Node.js)." 2
done

[[ "$dir" == /* ]] || dir="${INIT_CWD:-$PWD}/$dir"
ATTACHMENTS="${ATTACHMENTS_DIR:-data/attachments}"
[[ "$ATTACHMENTS" == /* ]] || ATTACHMENTS="$ROOT/$ATTACHMENTS"
MANIFEST="$dir/manifest.json"
[[ -f "$MANIFEST" ]] || fail "không có $MANIFEST: đây không phải một bản sao lưu hoàn chỉnh." 2

# What the manifest says: the dump's file and sha256, then the archive's (empty: none).
mapfile -t fields < <(node -e '
  const m = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  if (m.format !== 1 || !m.dump?.sha256 || !m.rowCounts) throw new Error("manifest.json không đúng định dạng");
  const a = m.attachments ?? {};
  console.log([m.dump.file, m.dump.sha256, a.store ?? "", a.file ?? "", a.sha256 ?? ""].join("\n"));
' "$MANIFEST" 2>/dev/null) || fail "không đọc được $MANIFEST." 2
[[ ${#fields[@]} -eq 5 ]] || fail "không đọc được $MANIFEST." 2
for name in "${fields[0]}" "${fields[3]}"; do
  [[ "$name" =~ ^[A-Za-z0-9._-]*$ && "$name" != "." && "$name" != ".." ]] || fail "tên tệp lạ trong $MANIFEST: $name" 2
done
dump="$dir/${fields[0]}"
dump_sha="${fields[1]}"
store="${fields[2]}"
tarball="${fields[3]:+$dir/${fields[3]}}"
tarball_sha="${fields[4]}"

# 1. Checksums, before anything is touched.
check_sha() {
  local file="$1" expected="$2" actual
  [[ -f "$file" ]] || fail "thiếu tệp $file." 4
  actual="$(sha256sum "$file" | cut -d' ' -f1)"
  [[ "$actual" == "$expected" ]] ||
    fail "mã kiểm tra sha256 của $(basename "$file") không khớp manifest.json (tệp bị hỏng hoặc đã bị sửa); không khôi phục gì." 4
}
check_sha "$dump" "$dump_sha"
if [[ -n "$tarball" ]]; then check_sha "$tarball" "$tarball_sha"; fi
echo "Mã kiểm tra sha256 khớp với manifest.json."

# 2. The target: empty, or --force.
objects="$(psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DATABASE_URL" 2>&1 <<'SQL'
SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
           AND n.nspname NOT LIKE 'pg_temp%')
     + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND t.typtype IN ('e', 'd'))
     + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname NOT IN ('pg_catalog', 'information_schema'));
SQL
)" || fail "không kết nối được PostgreSQL: $objects"
[[ "$objects" =~ ^[0-9]+$ ]] || fail "không kiểm tra được cơ sở dữ liệu đích: $objects"
attachments_present=0
if [[ -d "$ATTACHMENTS" && -n "$(ls -A "$ATTACHMENTS")" ]]; then attachments_present=1; fi
if [[ $force -ne 1 ]]; then
  if [[ "$objects" -ne 0 ]]; then
    fail "cơ sở dữ liệu đích không trống ($objects đối tượng). Không ghi đè; dùng --force để xoá và tạo lại lược đồ." 3
  fi
  if [[ $attachments_present -eq 1 && -n "$tarball" ]]; then
    fail "thư mục tệp đính kèm $ATTACHMENTS không trống. Không ghi đè; dùng --force để ghi các tệp sao lưu đè lên." 3
  fi
fi

# 3. The database, in one transaction (with --force: the old schemas dropped in that transaction).
# pg_restore writes the SQL and psql runs it; COMMIT is sent only after pg_restore has finished
# without error, so a failure anywhere ends the session with the transaction rolled back.
echo "Đang khôi phục cơ sở dữ liệu từ $dump …"
{
  echo "SET client_min_messages = warning;"
  echo "BEGIN;"
  if [[ $force -eq 1 ]]; then
    printf '%s\n' \
      "DROP SCHEMA IF EXISTS drizzle CASCADE;" \
      "DROP SCHEMA IF EXISTS public CASCADE;" \
      "CREATE SCHEMA public;" \
      "GRANT USAGE ON SCHEMA public TO PUBLIC;"
  fi
  pg_restore --no-owner --no-privileges --exit-on-error --file=- "$dump" && echo "COMMIT;"
} | psql -X -q -v ON_ERROR_STOP=1 -d "$DATABASE_URL" >/dev/null ||
  fail "pg_restore hoặc psql báo lỗi (xem ở trên); cơ sở dữ liệu đích không thay đổi."

# 4. The attachments.
if [[ -n "$tarball" ]]; then
  echo "Đang giải nén tệp đính kèm vào $ATTACHMENTS …"
  mkdir -p "$ATTACHMENTS"
  tar --extract --gzip --file="$tarball" --directory="$ATTACHMENTS" --no-same-owner ||
    fail "không giải nén được $tarball."
elif [[ "$store" == "s3" ]]; then
  echo "Tệp đính kèm nằm trong kho đối tượng (ATTACHMENT_STORE=s3): không có gì để giải nén."
fi

# 5. Verification.
ATTACHMENTS_DIR="$ATTACHMENTS" "$ROOT/node_modules/.bin/tsx" "$ROOT/scripts/verify-restore.ts" "$dir" ||
  fail "cơ sở dữ liệu đã được khôi phục nhưng không qua bước kiểm tra (xem ở trên)."
echo "Đã khôi phục và kiểm tra xong."
