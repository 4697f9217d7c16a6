import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { documentSeries } from "#db/schema";
import type { DocumentType } from "~/domain/numbering";

/**
 * Takes the next number of an issuing body's series for a year and document type, in the caller's
 * transaction. One `INSERT … ON CONFLICT DO UPDATE SET last_number = last_number + 1 RETURNING`:
 * the row lock it takes makes two people issuing at once get different numbers, and a number once
 * committed is never handed out again.
 *
 * Call it inside the transaction that writes the numbered document: the row stays locked until that
 * transaction ends, and a failure rolls the increment back with the document, so the next issue gets
 * the same number. A number taken outside such a transaction (or a document deleted later) leaves a
 * gap in the series. A gap is the accepted rule; a number given to two documents never is.
 */
export async function nextDocumentNumber(tx: DbOrTx, issuingUnitId: number, year: number, type: DocumentType): Promise<number> {
  const [row] = await tx
    .insert(documentSeries)
    .values({ issuingUnitId, year, documentType: type, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [documentSeries.issuingUnitId, documentSeries.year, documentSeries.documentType],
      set: { lastNumber: sql`${documentSeries.lastNumber} + 1` },
    })
    .returning({ number: documentSeries.lastNumber });
  return row.number;
}

/**
 * Moves a series forward to at least `number`, in the caller's transaction: a document that arrives
 * with its number (an imported supervision) is never handed that number again by nextDocumentNumber.
 */
export async function reserveDocumentNumber(tx: DbOrTx, issuingUnitId: number, year: number, type: DocumentType, number: number): Promise<void> {
  await tx
    .insert(documentSeries)
    .values({ issuingUnitId, year, documentType: type, lastNumber: number })
    .onConflictDoUpdate({
      target: [documentSeries.issuingUnitId, documentSeries.year, documentSeries.documentType],
      set: { lastNumber: sql`greatest(${documentSeries.lastNumber}, ${number})` },
    });
}
