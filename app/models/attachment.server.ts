import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { attachments } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { getDb } from "~/db.server";
import { safeFileName, sniffImageType } from "~/domain/image-type";
import { attachmentStore } from "~/storage/attachment-store.server";
import { recordAudit } from "./audit.server";
import { templateItem } from "./checklist-template.server";
import { DomainError, UNIQUE_VIOLATION, pgErrorCode } from "./errors.server";
import { findTeamVisit } from "./visit.server";

/** Photos are resized on the tablet to about 1600 px; anything near this limit was not. */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;

export type PhotoUpload = { clientId: string; itemId: number | null; fileName: string; bytes: Uint8Array };
export type StoredPhoto = { id: number; clientId: string; itemId: number | null; fileName: string; duplicate: boolean };

async function existingByClientId(clientId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ id: attachments.id, visitId: attachments.visitId, itemId: attachments.itemId, fileName: attachments.fileName })
    .from(attachments)
    .where(eq(attachments.clientId, clientId));
  return row ?? null;
}

/**
 * Stores a visit photo once: the device's id makes a photo resent after a lost connection a
 * duplicate, not a second copy. The bytes are written before the row, under a key derived from
 * the device's id, so a retry after a crash overwrites the same file.
 */
export async function storeVisitPhoto(actor: Actor, visitId: number, upload: PhotoUpload): Promise<StoredPhoto> {
  const db = await getDb();
  const visit = await findTeamVisit(db, actor, visitId);
  if (!visit) throw new DomainError("Bạn không có quyền thêm ảnh vào buổi giám sát này.", undefined, 403);
  if (!visit.canAnswer) throw new DomainError("Kế hoạch chưa ban hành hoặc đã kết thúc: không nhận thêm ảnh.", undefined, 409);

  const previous = await existingByClientId(upload.clientId);
  if (previous) {
    if (previous.visitId !== visitId) throw new DomainError("Mã ảnh đã được dùng cho buổi giám sát khác.", "photo", 409);
    return { id: previous.id, clientId: upload.clientId, itemId: previous.itemId, fileName: previous.fileName, duplicate: true };
  }
  if (upload.bytes.byteLength === 0) throw new DomainError("Tệp ảnh trống.", "photo", 400);
  if (upload.bytes.byteLength > MAX_PHOTO_BYTES) throw new DomainError("Ảnh quá lớn (tối đa 8 MB).", "photo", 413);
  const type = sniffImageType(upload.bytes);
  if (!type) throw new DomainError("Tệp này không phải ảnh JPEG, PNG hoặc WebP.", "photo", 415);
  if (upload.itemId !== null) {
    const item = await templateItem(db, visit.templateId as number, upload.itemId);
    if (!item) throw new DomainError("Tiêu chí không thuộc phiếu kiểm tra của buổi giám sát này.", "itemId", 400);
  }

  const storageKey = `visits/${visitId}/${upload.clientId}.${type.extension}`;
  const fileName = safeFileName(upload.fileName, `anh-${upload.clientId.slice(0, 8)}.${type.extension}`);
  await attachmentStore().put(storageKey, upload.bytes);
  try {
    const row = await db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(attachments)
        .values({
          clientId: upload.clientId,
          visitId,
          itemId: upload.itemId,
          kind: "photo",
          fileName,
          contentType: type.contentType,
          byteSize: upload.bytes.byteLength,
          sha256: createHash("sha256").update(upload.bytes).digest("hex"),
          storageKey,
          uploadedBy: actor.id,
        })
        .returning({ id: attachments.id });
      await recordAudit(tx, actor, "photo.add", "attachment", inserted.id, { visitId, itemId: upload.itemId, fileName, bytes: upload.bytes.byteLength });
      return inserted;
    });
    return { id: row.id, clientId: upload.clientId, itemId: upload.itemId, fileName, duplicate: false };
  } catch (error) {
    // The same photo sent twice at once: the other request stored it, under the same key.
    if (pgErrorCode(error) === UNIQUE_VIOLATION) {
      const stored = await existingByClientId(upload.clientId);
      if (stored) return { id: stored.id, clientId: upload.clientId, itemId: stored.itemId, fileName: stored.fileName, duplicate: true };
    }
    throw error;
  }
}

/** A visit photo's bytes for someone allowed to see the visit; null otherwise (the route says 403). */
export async function readVisitAttachment(actor: Actor, attachmentId: number) {
  const db = await getDb();
  const [row] = await db
    .select({ visitId: attachments.visitId, storageKey: attachments.storageKey, contentType: attachments.contentType, fileName: attachments.fileName })
    .from(attachments)
    .where(eq(attachments.id, attachmentId));
  if (!row?.visitId) return null;
  if (!(await findTeamVisit(db, actor, row.visitId))) return null;
  const bytes = await attachmentStore().get(row.storageKey);
  if (!bytes) return null;
  return { bytes, contentType: row.contentType, fileName: row.fileName };
}
