/**
 * Export rendered charts as one SVG or PNG file without extra dependencies: the Recharts SVGs are
 * cloned, their `var(--x)` colours resolved to the current theme's values (a standalone file has no
 * stylesheet), stacked with their titles, serialised; PNG draws that SVG on a canvas.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const TITLE_H = 26;
const GAP = 12;
const PAD = 12;

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

export interface ChartSource {
  readonly title: string;
  readonly svg: SVGSVGElement;
}

/** Chart SVGs inside `container`, each with the title of its enclosing figure. */
export function findCharts(container: HTMLElement): ChartSource[] {
  const out: ChartSource[] = [];
  for (const figure of Array.from(container.querySelectorAll('figure.ts-chart'))) {
    const svg = figure.querySelector('svg.recharts-surface');
    if (!(svg instanceof SVGSVGElement)) continue;
    const title = figure.querySelector('.ts-chart-title')?.textContent ?? '';
    out.push({ title, svg });
  }
  return out;
}

/** One standalone SVG document stacking the charts under a heading. */
export function combineChartsSvg(
  charts: readonly ChartSource[],
  heading: string,
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
  for (const chart of charts) {
    const title = document.createElementNS(SVG_NS, 'text');
    title.setAttribute('x', String(PAD));
    title.setAttribute('y', String(y + 16));
    title.setAttribute('font-family', font);
    title.setAttribute('font-size', '14');
    title.setAttribute('font-weight', '600');
    title.setAttribute('fill', lookup('--text').trim() || '#000');
    title.textContent = chart.title;
    root.appendChild(title);
    y += TITLE_H;
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
