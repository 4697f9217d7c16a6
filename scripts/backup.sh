#!/usr/bin/env bash
# `npm run backup -- <dir>`: a backup of the app's PostgreSQL server database and its attachments.
#
# Writes into <dir> (created; must be empty):
#   database.dump        pg_dump --format=custom of DATABASE_URL
#   attachments.tar.gz   the files under ATTACHMENTS_DIR (default data/attachments); skipped when
#                        ATTACHMENT_STORE=s3 (the bucket's own versioning/replication backs it up)
#   manifest.json        written last, so a directory without it is not a finished backup: when,
#                        the git commit, the pg_dump and server versions, the row count of every
#                        table, the number of attachment files, the sha256 of the dump and tarball.
#
# The dump and the row counts come from one snapshot (pg_dump --snapshot), so the counts match the
# dump while the app keeps running. The attachments are archived after the dump: a file is written
# before its row, so every attachment row in the dump has its file in the archive (unless the file
# was deleted in between).
#
# Without DATABASE_URL (the embedded PGlite database) it refuses: PGlite lives in one process, so
# its data directory is copied with the app stopped (see the message below).
#
# Exit codes: 0 done; 1 a step failed; 2 wrong arguments or environment.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

fail() {
  echo "Sao lưu thất bại: $1" >&2
  exit "${2:-1}"
}

if [[ $# -ne 1 || "$1" == -* ]]; then
  fail "cách dùng: npm run backup -- <thư mục>" 2
fi

if [[ -z "${DATABASE_URL:-}" ]]; then
  cat >&2 <<EOF
Không sao lưu được: DATABASE_URL chưa được đặt, ứng dụng đang dùng cơ sở dữ liệu nhúng PGlite.
PGlite chỉ mở được trong một tiến trình, nên hãy sao lưu bằng cách chép thư mục khi ứng dụng đã dừng:
  1. dừng ứng dụng;
  2. chép thư mục dữ liệu PGlite: ${PGLITE_DATA_DIR:-data/pglite};
  3. chép thư mục tệp đính kèm: ${ATTACHMENTS_DIR:-data/attachments};
  4. chép cả tệp data/session-secret nếu không đặt SESSION_SECRET (để người dùng không phải đăng nhập lại);
  5. khởi động lại ứng dụng.
Khôi phục: dừng ứng dụng, chép các thư mục đó về chỗ cũ, rồi khởi động lại.
EOF
  exit 2
fi

for tool in pg_dump psql sha256sum tar node; do
  command -v "$tool" >/dev/null || fail "không tìm thấy lệnh $tool (cài gói postgresql-client và Node.js)." 2
done

# <dir> is relative to where the command was typed (npm run moves to the project root); the
# attachments directory is relative to the project root, as for the app.
OUT="$1"
[[ "$OUT" == /* ]] || OUT="${INIT_CWD:-$PWD}/$OUT"
ATTACHMENTS="${ATTACHMENTS_DIR:-data/attachments}"
[[ "$ATTACHMENTS" == /* ]] || ATTACHMENTS="$ROOT/$ATTACHMENTS"

if [[ -e "$OUT" && ! -d "$OUT" ]]; then fail "$OUT không phải là thư mục." 2; fi
if [[ -d "$OUT" && -n "$(ls -A "$OUT")" ]]; then
  fail "thư mục $OUT đã có tệp; hãy chọn một thư mục mới hoặc trống để không ghi đè bản sao lưu cũ." 2
fi
created_dir=0
if [[ ! -d "$OUT" ]]; then mkdir -p "$OUT" && created_dir=1; fi

DUMP="$OUT/database.dump"
TARBALL="$OUT/attachments.tar.gz"
MANIFEST="$OUT/manifest.json"

finished=0
cleanup() {
  # A failed run leaves no half-written backup behind (only the files this script writes).
  if [[ $finished -ne 1 ]]; then
    rm -f "$DUMP" "$TARBALL" "$MANIFEST" "$MANIFEST.tmp"
    if [[ $created_dir -eq 1 ]]; then rmdir "$OUT" 2>/dev/null || true; fi
  fi
  if [[ -n "${SNAPSHOT_PID:-}" ]]; then kill "$SNAPSHOT_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

server_version="$(psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DATABASE_URL" -c 'SHOW server_version;' 2>&1)" ||
  fail "không kết nối được PostgreSQL: $server_version"

# One psql session holds a read-only REPEATABLE READ transaction open: pg_dump reads its snapshot,
# and the row counts are taken in the same transaction afterwards.
coproc SNAPSHOT { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DATABASE_URL" 2>&1; }
SNAPSHOT_PID=$SNAPSHOT_PID
SNAPSHOT_IN=${SNAPSHOT[1]}
SNAPSHOT_OUT=${SNAPSHOT[0]}

query_line() {
  # Sends one statement and reads its one-line answer (psql's errors come on the same stream).
  local answer
  printf '%s\n' "$1" >&"$SNAPSHOT_IN"
  IFS= read -r -t 60 answer <&"$SNAPSHOT_OUT" || fail "PostgreSQL không trả lời."
  printf '%s' "$answer"
}

printf '%s\n' "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;" >&"$SNAPSHOT_IN"
snapshot="$(query_line "SELECT pg_export_snapshot();")"
[[ "$snapshot" =~ ^[0-9A-Fa-f]+-[0-9A-Fa-f]+(-[0-9]+)?$ ]] || fail "không mở được giao dịch trên cơ sở dữ liệu: $snapshot"

echo "Đang sao lưu cơ sở dữ liệu (pg_dump) vào $DUMP …"
pg_dump --format=custom --snapshot="$snapshot" --file="$DUMP" --dbname="$DATABASE_URL" ||
  fail "pg_dump báo lỗi (xem thông báo ở trên)."

# Every table of the app (public) and drizzle's migrations table, counted in the dump's snapshot.
row_counts="$(query_line "SELECT coalesce(json_object_agg(name, n ORDER BY name), '{}')::text FROM (SELECT format('%s.%s', ns.nspname, c.relname) AS name, (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', ns.nspname, c.relname), false, true, '')))[1]::text::bigint AS n FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE ns.nspname IN ('public', 'drizzle') AND c.relkind IN ('r', 'p')) t;")"
[[ "$row_counts" == "{"* ]] || fail "không đếm được số dòng: $row_counts"
printf '%s\n' "COMMIT;" >&"$SNAPSHOT_IN"
exec {SNAPSHOT_IN}>&-
wait "$SNAPSHOT_PID" 2>/dev/null || true
SNAPSHOT_PID=

attachment_store="local"
attachment_files=""
tarball_sha=""
store_kind="$(printf '%s' "${ATTACHMENT_STORE:-local}" | tr -d '[:space:]' | tr '[:upper:]' '[:lower:]')"
if [[ "$store_kind" == "s3" ]]; then
  attachment_store="s3"
  echo "ATTACHMENT_STORE=s3: không đóng gói tệp đính kèm; kho đối tượng (bucket) được sao lưu bằng cơ chế phiên bản/nhân bản của chính nó."
else
  echo "Đang đóng gói tệp đính kèm từ $ATTACHMENTS …"
  if [[ -d "$ATTACHMENTS" ]]; then
    # *.part: a photo being written at this moment (renamed into place when complete).
    attachment_files="$(find "$ATTACHMENTS" -type f ! -name '*.part' | wc -l | tr -d ' ')"
    tar --create --gzip --file="$TARBALL" --directory="$ATTACHMENTS" --exclude='*.part' .
  else
    echo "(chưa có thư mục $ATTACHMENTS: bản sao lưu không có tệp đính kèm nào)"
    attachment_files=0
    tar --create --gzip --file="$TARBALL" --files-from=/dev/null
  fi
  tarball_sha="$(sha256sum "$TARBALL" | cut -d' ' -f1)"
fi

dump_sha="$(sha256sum "$DUMP" | cut -d' ' -f1)"
git_commit="$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || true)"

ROW_COUNTS="$row_counts" DUMP_SHA="$dump_sha" TARBALL_SHA="$tarball_sha" GIT_COMMIT="$git_commit" \
  PG_DUMP_VERSION="$(pg_dump --version)" SERVER_VERSION="$server_version" ATTACHMENT_STORE_KIND="$attachment_store" \
  ATTACHMENT_FILES="$attachment_files" \
  node -e '
    const e = process.env;
    const url = new URL(e.DATABASE_URL);
    const manifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      gitCommit: e.GIT_COMMIT || null,
      pgDumpVersion: e.PG_DUMP_VERSION,
      serverVersion: e.SERVER_VERSION,
      database: `${url.hostname}:${url.port || 5432}${url.pathname}`,
      rowCounts: JSON.parse(e.ROW_COUNTS),
      dump: { file: "database.dump", sha256: e.DUMP_SHA },
      attachments:
        e.ATTACHMENT_STORE_KIND === "s3"
          ? { store: "s3", file: null, files: null, sha256: null }
          : { store: "local", file: "attachments.tar.gz", files: Number(e.ATTACHMENT_FILES), sha256: e.TARBALL_SHA },
    };
    process.stdout.write(JSON.stringify(manifest, null, 2) + "\n");
  ' >"$MANIFEST.tmp"
mv "$MANIFEST.tmp" "$MANIFEST"
finished=1

tables="$(ROW_COUNTS="$row_counts" node -e 'process.stdout.write(String(Object.keys(JSON.parse(process.env.ROW_COUNTS)).length))')"
echo "Đã sao lưu vào $OUT: $tables bảng, ${attachment_files:-0} tệp đính kèm (manifest.json)."
