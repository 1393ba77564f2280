/**
 * Export rendered charts as one SVG or PNG file without extra dependencies: the charts' SVGs are
 * cloned, their `var(--x)` colours resolved to the current theme's values (a standalone file has no
 * stylesheet), stacked with their titles and legends (a file read on its own must say what each
 * line is), followed by the numbered list of events marked on them; PNG draws that SVG on a canvas.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const TITLE_H = 26;
const GAP = 12;
const PAD = 12;
const LEGEND_ROW_H = 18;
const NOTE_ROW_H = 18;
const SWATCH_W = 22;
/** Approximate advance of a 12 px system-font character, for wrapping legend rows. */
const CHAR_W = 6.8;

/** Replace every `var(--name)` in `value` with the computed value from `root`. */
export function resolveCssVars(value: string, lookup: (name: string) => string): string {
  return value.replace(/var\((--[\w-]+)\)/g, (_m, name: string) => lookup(name).trim() || '#000');
}

function inlineColours(node: Element, lookup: (name: string) => string): void {
  for (const attr of Array.from(node.attributes)) {
    if (attr.value.includes('var('))
      node.setAttribute(attr.name, resolveCssVars(attr.value, lookup));
  }
  for (const child of Array.from(node.children)) inlineColours(child, lookup);
}

export interface LegendEntry {
  readonly name: string;
  /** A CSS colour, possibly `var(--x)`; resolved when the file is written. */
  readonly color: string;
  readonly dashed: boolean;
}

export interface ChartSource {
  readonly title: string;
  readonly legend: readonly LegendEntry[];
  readonly svg: SVGSVGElement;
}

/** Chart SVGs inside `container`, each with the title and series legend of its figure. */
export function findCharts(container: HTMLElement): ChartSource[] {
  const out: ChartSource[] = [];
  for (const figure of Array.from(container.querySelectorAll('figure.ts-chart'))) {
    const svg = figure.querySelector('svg.ts-plot-svg');
    if (!(svg instanceof SVGSVGElement)) continue;
    const title = figure.querySelector('.ts-chart-title')?.textContent ?? '';
    const legend = Array.from(figure.querySelectorAll('.ts-legend li[data-color]')).map((li) => ({
      name: li.textContent.trim(),
      color: li.getAttribute('data-color') ?? 'currentColor',
      dashed: li.getAttribute('data-dashed') === '1',
    }));
    out.push({ title, legend, svg });
  }
  return out;
}

/** The numbered events marked on the charts (one line each), from the list under them. */
export function findMarkerNotes(container: HTMLElement): string[] {
  return Array.from(container.querySelectorAll('.ts-marker-list li[data-marker-note]')).map(
    (li) => li.getAttribute('data-marker-note') ?? '',
  );
}

/** Legend entries laid out in rows that fit `width`: x offsets per entry and the row count. */
export function layoutLegend(
  entries: readonly LegendEntry[],
  width: number,
): { readonly placed: readonly { x: number; row: number }[]; readonly rows: number } {
  const placed: { x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  for (const e of entries) {
    const w = SWATCH_W + 6 + e.name.length * CHAR_W + 14;
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    placed.push({ x, row });
    x += w;
  }
  return { placed, rows: entries.length === 0 ? 0 : row + 1 };
}

/** One standalone SVG document stacking the charts under a heading. */
export function combineChartsSvg(
  charts: readonly ChartSource[],
  heading: string,
  notes: readonly string[] = [],
): { svg: string; width: number; height: number } {
  const style = getComputedStyle(document.documentElement);
  const lookup = (name: string) => style.getPropertyValue(name);
  const width = Math.max(320, ...charts.map((c) => c.svg.width.baseVal.value || c.svg.clientWidth));
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  const font = 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif';
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('fill', lookup('--surface').trim() || '#fff');
  root.appendChild(bg);
  let y = PAD;
  const head = document.createElementNS(SVG_NS, 'text');
  head.setAttribute('x', String(PAD));
  head.setAttribute('y', String(y + 18));
  head.setAttribute('font-family', font);
  head.setAttribute('font-size', '18');
  head.setAttribute('font-weight', '700');
  head.setAttribute('fill', lookup('--text').trim() || '#000');
  head.textContent = heading;
  root.appendChild(head);
  y += TITLE_H + GAP;
  const text = (x: number, baseline: number, size: number, content: string, weight = '400') => {
    const t = document.createElementNS(SVG_NS, 'text');
    t.setAttribute('x', String(x));
    t.setAttribute('y', String(baseline));
    t.setAttribute('font-family', font);
    t.setAttribute('font-size', String(size));
    t.setAttribute('font-weight', weight);
    t.setAttribute('fill', lookup('--text').trim() || '#000');
    t.textContent = content;
    root.appendChild(t);
  };
  for (const chart of charts) {
    text(PAD, y + 16, 14, chart.title, '600');
    y += TITLE_H;
    const legend = layoutLegend(chart.legend, width);
    chart.legend.forEach((entry, i) => {
      const at = legend.placed[i];
      if (at === undefined) return;
      const mid = y + at.row * LEGEND_ROW_H + 9;
      const swatch = document.createElementNS(SVG_NS, 'line');
      swatch.setAttribute('x1', String(PAD + at.x));
      swatch.setAttribute('x2', String(PAD + at.x + SWATCH_W));
      swatch.setAttribute('y1', String(mid));
      swatch.setAttribute('y2', String(mid));
      swatch.setAttribute('stroke', resolveCssVars(entry.color, lookup));
      swatch.setAttribute('stroke-width', '3');
      if (entry.dashed) swatch.setAttribute('stroke-dasharray', '4 3');
      root.appendChild(swatch);
      text(PAD + at.x + SWATCH_W + 6, mid + 4, 12, entry.name);
    });
    y += legend.rows * LEGEND_ROW_H;
    const h = chart.svg.height.baseVal.value || chart.svg.clientHeight;
    const w = chart.svg.width.baseVal.value || chart.svg.clientWidth;
    const clone = chart.svg.cloneNode(true) as SVGSVGElement;
    inlineColours(clone, lookup);
    clone.setAttribute('x', String(PAD));
    clone.setAttribute('y', String(y));
    clone.setAttribute('width', String(w));
    clone.setAttribute('height', String(h));
    clone.setAttribute('font-family', font);
    root.appendChild(clone);
    y += h + GAP;
  }
  if (notes.length > 0) {
    text(PAD, y + 14, 13, 'Events marked on the charts', '600');
    y += NOTE_ROW_H + 4;
    for (const note of notes) {
      text(PAD, y + 13, 12, note);
      y += NOTE_ROW_H;
    }
  }
  const height = y + PAD;
  const fullWidth = width + PAD * 2;
  root.setAttribute('width', String(fullWidth));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${fullWidth} ${height}`);
  bg.setAttribute('width', String(fullWidth));
  bg.setAttribute('height', String(height));
  return { svg: new XMLSerializer().serializeToString(root), width: fullWidth, height };
}

/** Rasterise an SVG document at `scale` (2 = crisp on high-density screens and projectors). */
export async function svgToPngBlob(
  svg: string,
  width: number,
  height: number,
  scale = 2,
): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      img.onload = () => {
        resolve();
      };
      img.onerror = () => {
        reject(new Error('the chart image could not be drawn'));
      };
    });
    img.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw on a canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => {
      canvas.toBlob((blob) => {
        if (blob) resolve(blob);
        else reject(new Error('the PNG could not be encoded'));
      }, 'image/png');
    });
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Offer `blob` as a download named `filename`. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 1000);
}
