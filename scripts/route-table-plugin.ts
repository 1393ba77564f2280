/**
 * The route table of the build, for `scripts/size-budget.mjs`: which page module each route loads
 * and every JavaScript and CSS file that comes with it, written to `dist/.vite/routes.json` (not
 * precached: .json). It reads the route tables (`src/app/sections.ts` and the Study pages in
 * `src/features/study/study-page.tsx`), so they stay the one definition of the routes; a section
 * or Study page it cannot match to a chunk fails the build.
 *
 * It once also emitted a script that preloaded the current route's chunks from `<head>`; on
 * Lighthouse's simulated slow 4G that made no difference (the downloads then share the bandwidth
 * with the main bundle), so it was dropped (issue 14).
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Plugin } from 'vite';

interface RouteModule {
  /** Route path as in the table, e.g. '/study/drills'. */
  readonly path: string;
  /** `true` for Study sub-pages (exact match); sections match as prefixes, like `findSection`. */
  readonly exact: boolean;
  /** Absolute path of the page module without extension. */
  readonly module: string;
}

const IMPORT = /import\(\s*'([^']+)'\s*\)/g;

/** Sections: each `path: '…'` owns the next `import('…')` before the following `path:`. */
function sectionRoutes(file: string): RouteModule[] {
  const text = readFileSync(file, 'utf8');
  const paths = [...text.matchAll(/\bpath:\s*'([^']*)'/g)];
  const imports = [...text.matchAll(IMPORT)];
  if (paths.length === 0 || paths.length !== imports.length)
    throw new Error(
      `route-table: ${file} has ${paths.length} section paths but ${imports.length} page imports`,
    );
  return paths.map((m, i) => {
    const spec = imports[i]?.[1];
    const at = imports[i]?.index ?? -1;
    const next = paths[i + 1]?.index ?? Number.POSITIVE_INFINITY;
    if (spec === undefined || at < m.index || at > next)
      throw new Error(`route-table: section "${m[1] ?? ''}" in ${file} has no page import`);
    return { path: m[1] ?? '', exact: false, module: resolve(dirname(file), spec) };
  });
}

/** Study sub-pages: `const X = lazy(() => import('…'))` and `{ path: '…', …, component: X }`. */
function subPageRoutes(file: string): RouteModule[] {
  const text = readFileSync(file, 'utf8');
  const lazyByName = new Map<string, string>();
  for (const m of text.matchAll(/const\s+(\w+)\s*=\s*lazy\(\s*\(\)\s*=>\s*import\(\s*'([^']+)'/g))
    if (m[1] !== undefined && m[2] !== undefined) lazyByName.set(m[1], m[2]);
  const routes: RouteModule[] = [];
  for (const m of text.matchAll(/\{\s*path:\s*'([^']+)'[^}]*?component:\s*(\w+)\s*\}/g)) {
    const spec = lazyByName.get(m[2] ?? '');
    if (spec === undefined)
      throw new Error(`route-table: ${file} page "${m[1] ?? ''}" has no lazy import`);
    routes.push({ path: m[1] ?? '', exact: true, module: resolve(dirname(file), spec) });
  }
  if (routes.length !== lazyByName.size)
    throw new Error(
      `route-table: ${file} has ${lazyByName.size} lazy pages but ${routes.length} routes`,
    );
  return routes;
}

export function routeTable(options: {
  readonly sections: string;
  readonly subPages: readonly string[];
}): Plugin {
  return {
    name: 'cachescope-route-table',
    apply: 'build',
    generateBundle: {
      // After Vite's own hooks: the CSS plugin drops CSS-only chunks (and rewrites their importers).
      order: 'post',
      handler(_options, bundle) {
        const routes = [
          ...sectionRoutes(options.sections),
          ...options.subPages.flatMap((f) => subPageRoutes(f)),
        ];
        const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const closure = (fileName: string, into: Set<string>): Set<string> => {
          if (into.has(fileName) || !byFile.has(fileName)) return into;
          into.add(fileName);
          for (const dep of byFile.get(fileName)?.imports ?? []) closure(dep, into);
          return into;
        };
        const entry = chunks.find((c) => c.isEntry);
        if (!entry) throw new Error('route-table: no entry chunk');
        const initial = closure(entry.fileName, new Set());
        const table = routes.map((r) => {
          const page = chunks.find(
            (c) => c.facadeModuleId?.replace(/\.[cm]?[jt]sx?$/, '') === r.module,
          );
          if (!page) throw new Error(`route-table: no chunk for route ${r.path} (${r.module})`);
          const files = [...closure(page.fileName, new Set())].filter((f) => !initial.has(f));
          const css = [
            ...new Set(files.flatMap((f) => [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])])),
          ];
          return { ...r, module: relative(process.cwd(), page.facadeModuleId ?? ''), files, css };
        });
        // For scripts/size-budget.mjs: what each route loads (not precached: .json).
        this.emitFile({
          type: 'asset',
          fileName: '.vite/routes.json',
          source: JSON.stringify(table, null, 1),
        });
      },
    },
  };
}
