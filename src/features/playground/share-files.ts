/**
 * What the Share panel needs only to save a file (chart export, CSV), in one chunk that loads on
 * the first save (precached for offline like every chunk), so a phone fetches less before the
 * Playground first paints.
 */
export {
  combineChartsSvg,
  downloadBlob,
  findCharts,
  findMarkerNotes,
  svgToPngBlob,
} from '../../ui/chart-export';
export { seriesToCsv } from '../../sim/metrics/series-csv';
