/** `npm run notice -- <supervision.json> <out.pdf|out.docx>`: see scripts/notice-cli.ts. */
import { processIo, runNoticeCli } from "./notice-cli";

process.exitCode = await runNoticeCli(process.argv.slice(2), processIo);
