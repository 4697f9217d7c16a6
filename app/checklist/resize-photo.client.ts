/**
 * Photos are resized on the tablet before they are kept or sent: a 12-megapixel camera picture
 * becomes a JPEG of at most 1600 px on its long side (a few hundred KB), enough to read a notice
 * board, cheap to keep offline and to send over a weak connection.
 */
export const MAX_SIDE = 1600;
const QUALITY = 0.8;

export function fittedSize(width: number, height: number, maxSide = MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function resizePhoto(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    throw new Error("Không đọc được ảnh này. Hãy chụp lại hoặc chọn ảnh JPEG/PNG.");
  }
  const { width, height } = fittedSize(bitmap.width, bitmap.height);
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("Thiết bị không hỗ trợ xử lý ảnh.");
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", QUALITY));
  if (!blob) throw new Error("Không nén được ảnh.");
  return blob;
}
