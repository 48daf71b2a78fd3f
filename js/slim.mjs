// The esbuild plugin that lets the runtime carry only the parts of Vega it uses (see js/vega-runtime.mjs).
import {existsSync, readFileSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';

const root = resolve('node_modules');
// A module of a Vega package's sources: its index.js or a file under its src/.
const sources = /node_modules\/vega-[a-z-]+\/(index\.js|src\/)/;

// Modules of Vega's sources replaced by a smaller one of ours (js/slim/), each saying why.
const SUBSTITUTES = {
  'vega-scenegraph/src/modules.js': 'scenegraph-modules.mjs',
  'vega-scenegraph/src/CanvasHandler.js': 'scenegraph-canvas-handler.mjs',
  'vega-scenegraph/src/marks/index.js': 'scenegraph-marks.mjs',
  'vega-scenegraph/src/path/shapes.js': 'scenegraph-shapes.mjs',
  'vega-scale/src/schemes.js': 'scale-schemes.mjs',
  'vega-projection/src/projections.js': 'projections.mjs',
  'vega-loader/src/formats/index.js': 'loader-formats.mjs',
  'vega-functions/src/functions/geo.js': 'functions-geo.mjs',
};
// Packages a stand-in takes code from without bundling them (scenegraph-shapes.mjs: d3-shape's symbol()):
// VENDOR.json and the licence file name them too.
export const DERIVED = ['d3-shape'];
// Packages replaced as a whole.
const PACKAGES = {'vega-loader': 'loader.mjs'};

function browserBuild(name) {
  const exports = JSON.parse(readFileSync(join(root, name, 'package.json'), 'utf8')).exports || {};
  return 'node' in exports || 'browser' in exports;
}

export function slim() {
  return {
    name: 'vega-sources',
    setup(b) {
      // A Vega package's published bundle is one module: importing one name of it brings all of it. Its ES
      // module sources (index.js and src/, shipped in the same npm package) let esbuild leave out every module
      // nothing uses; `sideEffects: false` says the modules register nothing unless used (true of Vega's
      // sources, which have no import kept only for its side effects).
      b.onResolve({filter: /^vega-[a-z-]+$/}, (args) => {
        if (PACKAGES[args.path]) return {path: resolve('js/slim', PACKAGES[args.path]), sideEffects: false};
        const index = join(root, args.path, 'index.js');
        // Packages with a browser build of their own (vega-canvas, vega-loader) keep it: their sources load
        // Node's modules.
        if (!existsSync(index) || browserBuild(args.path)) return undefined;
        return {path: index, sideEffects: false};
      });
      b.onResolve({filter: /^\.\.?\//}, (args) => {
        if (!sources.test(args.importer)) return undefined;
        const path = join(dirname(args.importer), args.path);
        const stand = SUBSTITUTES[relative(root, path)];
        return {path: stand ? resolve('js/slim', stand) : path, sideEffects: false};
      });
      // The stand-ins' imports of the modules they pick from (a stand-in never gets itself).
      b.onResolve({filter: /^vega-[a-z-]+\/src\//}, (args) => {
        const stand = SUBSTITUTES[args.path] && resolve('js/slim', SUBSTITUTES[args.path]);
        return {path: stand && stand !== args.importer ? stand : join(root, args.path), sideEffects: false};
      });
      // vega-expression's parser (from Esprima) tells which characters beyond ASCII may start or continue a
      // name by two regular expressions that spell out the Unicode 8 tables, range by range (11 KB). The same
      // sets are Unicode's ID_Start and ID_Continue properties (plus the two joiners ECMAScript allows in
      // names), which browsers know: the tables are replaced by those property classes. Names in our
      // expressions are ASCII; a name in a newer script would now parse, where Vega's tables refuse it.
      b.onLoad({filter: /node_modules\/vega-expression\/src\/parser\.js$/}, (args) => {
        let text = readFileSync(args.path, 'utf8'), found = 0;
        text = text.replace(/(RegexNonAsciiIdentifier(Start|Part)) = new RegExp\('[^']*'\)/g, (all, name, kind) => {
          found += 1;
          return `${name} = ${kind === 'Start' ? '/\\p{ID_Start}/u' : '/[\\p{ID_Continue}\\u200C\\u200D]/u'}`;
        });
        if (found !== 2) throw new Error('vega-expression/src/parser.js: the identifier tables were not found');
        return {contents: text, loader: 'js'};
      });
    },
  };
}
