import { describe, expect, it } from 'vitest';
import { onePagePdf, pdfText } from '../../src/lib/pdf.js';

describe('the one-page PDF', () => {
  it('writes non-ASCII names in WinAnsiEncoding, escaped, not as broken bytes', () => {
    expect(pdfText('Zoë Ødegård (€5)')).toBe('(Zo\\353 \\330deg\\345rd \\(\\2005\\))');
    expect(pdfText('Chinedu 李')).toBe('(Chinedu ?)');
  });

  it('is a PDF whose cross-reference offsets point at its objects', () => {
    const pdf = onePagePdf(['Ngozi Éze']).toString('latin1');
    const offsets = [...pdf.matchAll(/^(\d{10}) 00000 n $/gm)].map((match) => Number(match[1]));
    expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
    offsets.forEach((offset, index) => {
      expect(pdf.slice(offset, offset + 8)).toBe(`${index + 1} 0 obj\n`);
    });
    expect(pdf).toContain('/Encoding /WinAnsiEncoding');
    expect(pdf).toContain('(Ngozi \\311ze)');
  });
});
