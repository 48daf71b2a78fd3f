// Entry point of the chart runtime the site ships (assets/vendor/vega-runtime.js); `make vendor` bundles it.
//
// Specs are compiled from Vega-Lite to Vega at build time, so the browser needs Vega's parser and view and the
// transforms Vega-Lite emits, but not Vega-Lite or vega-embed. The force, hierarchy, label, regression,
// voronoi, wordcloud and crossfilter transforms that the full `vega` package registers are left out (15 KB
// gzip). Registering a namespace keeps all of it: Vega's modules set up their classes with top-level calls,
// which a bundler cannot prove free of side effects, so picking single transforms would save nothing.
// Expressions run through vega-interpreter, so no page needs 'unsafe-eval'.
import {extend} from 'vega-util';
import {transforms} from 'vega-dataflow';
import * as tx from 'vega-transforms';
import * as viewTx from 'vega-view-transforms';
import * as encode from 'vega-encode';
import * as geo from 'vega-geo';

extend(transforms, tx, viewTx, encode, geo);

export {transforms};
export {View} from 'vega-view';
export {parse} from 'vega-parser';
export {expressionInterpreter} from 'vega-interpreter';
