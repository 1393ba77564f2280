/**
 * The trace formats by name, a reader for each, and a guess from a file name. The CLI and (later)
 * the browser worker both start here: they decompress (gzip) and feed the bytes in chunks.
 */
import { createOracleGeneralReader } from './oracle-general-reader';
import { createCsvTraceReader, createTextTraceReader, type CsvTraceOptions } from './text-readers';
import type { TraceReader } from './trace-types';

export const TRACE_FORMATS = ['text', 'csv', 'oracle-general'] as const;
export type TraceFormat = (typeof TRACE_FORMATS)[number];

/** A reader for `format`; `csv` options apply to the CSV format only. */
export function createTraceReader(format: TraceFormat, csv: CsvTraceOptions = {}): TraceReader {
  switch (format) {
    case 'text':
      return createTextTraceReader();
    case 'csv':
      return createCsvTraceReader(csv);
    case 'oracle-general':
      return createOracleGeneralReader();
  }
}

/**
 * The format a file name suggests (a `.gz` / `.zst` suffix is looked through): `.csv` is CSV,
 * `.oracleGeneral` / `.bin` is oracleGeneral, anything else plain text.
 */
export function formatFromFileName(name: string): TraceFormat {
  const base = name.toLowerCase().replace(/\.(gz|zst)$/, '');
  if (base.endsWith('.csv')) return 'csv';
  if (base.endsWith('.oraclegeneral') || base.endsWith('.bin')) return 'oracle-general';
  return 'text';
}
