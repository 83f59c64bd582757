import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The text of a PDF, read back with pdf-parse (PDF.js) in a separate Node
 * process: PDF.js loads its worker with a dynamic import, which Jest's VM
 * does not allow.
 */
export function pdfText(pdf: Buffer): string {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const chunks = [];
    process.stdin.on('data', c => chunks.push(c));
    process.stdin.on('end', async () => {
      const parser = new PDFParse({ data: Buffer.concat(chunks) });
      const { text, total } = await parser.getText();
      await parser.destroy();
      process.stdout.write(JSON.stringify({ text, total }));
    });`;
  const out = execFileSync(process.execPath, ['-e', script], {
    input: pdf,
    cwd: path.resolve(__dirname, '../../..'),
    maxBuffer: 16 * 1024 * 1024,
  });
  return (JSON.parse(out.toString()) as { text: string }).text;
}
